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
# role than the articles do, and which duties do two of your people both hold?
#
# **Time in class:** about 7 minutes.
#
# Until the `parameters` cell below is changed, "your organisation" is an **invented
# example** that ships with rolekit (`data/example_organisation.csv`): it takes the
# long article's rows (so the rows of the three short articles count as removed), hands
# some of them to a CFO and a Chief of Staff, and adds five duties of its own. No real
# company is described by it. To use your own, copy `data/responsibilities.csv`, change
# the `role` column (and add or delete rows) to match who does what where you work,
# keep the `id` column, and run the series on your file (`make run DATA=my_org.csv`).

# %%
import rolekit

# %% tags=["parameters"]
data_path = None  # None: the invented example organisation. Or your own CSV, for example "../my_team.csv"

# %%
articles = rolekit.load_responsibilities()
organisation = rolekit.load_responsibilities(data_path or rolekit.EXAMPLE_ORGANISATION)

# %% [markdown]
# ## What changed, in one sentence
#
# Computed from the two tables: rows are matched by `id` when both tables have one,
# otherwise by their wording.

# %%
rolekit.show(rolekit.compare_summary, articles, after=organisation)

# %% [markdown]
# ## Who took what over
#
# Left, the roles in the articles' table; right, the roles in yours. A line's width is
# how many responsibilities take that path; coloured lines are moves, grey ones stay
# with their role.

# %%
rolekit.show(rolekit.plot_compare, articles, after=organisation)

# %% [markdown]
# The responsibilities your organisation gives to another role than the articles do:

# %%
rolekit.show(rolekit.compare, articles, after=organisation, changes=["moved", "moved and retagged"])

# %% [markdown]
# Those that kept their role but changed scope or horizon, and those only one of the
# two tables has:

# %%
rolekit.show(rolekit.compare, articles, after=organisation, changes=["retagged", "added", "removed"])

# %% [markdown]
# ## The same duty, two owners
#
# Pairs of your responsibilities, held by different people, that say nearly the same
# thing (a score of 1 means the same words once role names are set aside). Each pair is
# a question for the room: who decides, and who does the work?

# %%
rolekit.show(rolekit.similar_responsibilities, organisation)

# %% [markdown]
# ## Takeaways
#
# Computed from the tables this notebook was run on:

# %%
rolekit.show(rolekit.compare_summary, articles, after=organisation)

# %% [markdown]
# Reading them:
#
# - The sentence and the chart above are computed from the two tables shown: every
#   move, retag, addition and removal is counted, none is picked by hand.
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
# 3. What in your organisation has no row here at all: work nobody owns?
