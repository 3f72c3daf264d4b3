# ---
# jupyter:
#   jupytext:
#     cell_metadata_filter: tags,-all
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 07 · Your organisation against the articles
#
# **The question.** Where does your organisation give a responsibility to a different
# role than the articles do, what does it do that the articles never name, and what do
# the articles name that nobody in it holds?
#
# **Time in class:** about 7 minutes.
#
# Give your table's path in the parameters cell below (or run the series on it:
# `make run DATA=my_org.csv`). Without one, this notebook uses an **invented example**
# that ships with rolekit (`data/example_organisation.csv`); the next cell says which
# table it ran on. Your table can be written from scratch in your own words, with your
# own roles and no `id` column: rows are matched to the articles' by what they say.

# %%
import rolekit

# %% tags=["parameters"]
data_path = None  # None: the invented example organisation. Or your own CSV, for example "../my_team.csv"
threshold = 0.6  # how alike two rows must be (0 to 1) to count as the same responsibility

# %%
articles = rolekit.load_responsibilities()
organisation = rolekit.load_responsibilities(data_path or rolekit.EXAMPLE_ORGANISATION)

# %%
rolekit.show(rolekit.takeaways, organisation, topic="data")

# %% [markdown]
# ## What changed, in a few sentences
#
# Computed from the two tables. Rows are matched by `id` when both tables have one and
# their ids name the same responsibilities (a team numbering its own rows has other
# ids); otherwise by their wording, then by what they say: two rows whose similarity is at
# least `threshold` count as one responsibility (a score of 1 means every content word
# of one is in the other; the README says how often this matching is right). A role
# named like the articles' ("Chief Executive Officer" for the CEO) counts as it.

# %%
rolekit.show(rolekit.compare_summary, articles, after=organisation, threshold=threshold)

# %% [markdown]
# ## Who took what over
#
# Left, the roles in the articles' table; right, the roles in yours. A solid line's
# width is how many responsibilities take that path: coloured lines are moves to
# another role (in the colour of the role they leave), grey ones stay with their role.
# Dotted lines are rows only one table has.

# %%
rolekit.show(rolekit.plot_compare, articles, after=organisation, threshold=threshold)

# %% [markdown]
# The responsibilities your organisation gives to another role than the articles do,
# each with how alike the two rows are:

# %%
rolekit.show(rolekit.compare, articles, after=organisation, threshold=threshold, changes=["moved", "moved and retagged"],
             keep=["responsibility", "role_before", "role_after", "similarity", "responsibility_before"])

# %% [markdown]
# ## What only one side names
#
# Your organisation's own duties: rows like none of the articles'.

# %%
rolekit.show(rolekit.compare, articles, after=organisation, threshold=threshold, changes=["added"],
             keep=["responsibility", "role_after", "scope_after", "horizon_after"])

# %% [markdown]
# What the articles name that nobody in your organisation holds:

# %%
rolekit.show(rolekit.compare, articles, after=organisation, threshold=threshold, changes=["removed"],
             keep=["responsibility", "role_before", "scope_before", "horizon_before"])

# %% [markdown]
# ## How each side splits the work
#
# Without matching any row: for each theme, each role's share of its work in the
# articles (left) and in your organisation (right).

# %%
rolekit.show(rolekit.plot_split, articles, after=organisation)

# %% [markdown]
# The same by scope and horizon:

# %%
rolekit.show(rolekit.plot_split, articles, after=organisation, level="cell")

# %% [markdown]
# ## The same duty, two owners
#
# Pairs of your responsibilities, held by different people, that say nearly the same
# thing (a score of 1 means every content word of one is in the other, role names set
# aside). Each pair is a question for the room: who decides, and who does the work?

# %%
rolekit.show(rolekit.similar_responsibilities, organisation)

# %% [markdown]
# ## Takeaways
#
# Computed from the tables this notebook was run on:

# %%
rolekit.show(rolekit.compare_summary, articles, after=organisation, threshold=threshold)

# %%
rolekit.show(rolekit.shares_summary, articles, after=organisation)

# %% [markdown]
# Reading them:
#
# - The sentences and the charts above are computed from the two tables shown: every
#   move, addition and removal is counted, none is picked by hand. Matches by
#   similarity are a proposal: check the pairs in the tables above.
# - A move away from the articles is not a mistake. The articles describe a typical
#   split; a company with a CFO or a Chief of Staff gives some of it to them.
# - Duties held twice are where work is done twice, or not at all, because each
#   thinks the other has it.

# %% [markdown]
# ## Discussion questions
#
# 1. Pick the move that surprised you most. Was it a decision, or did it just happen?
# 2. For each pair of duties held twice, who should hold it alone, and who should be
#    consulted?
# 3. What do the articles name that nobody in your organisation holds: is it done by
#    someone not in the table, or by nobody?
