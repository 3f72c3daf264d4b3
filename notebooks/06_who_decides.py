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
# # 06 · Who decides, and how the two work together
#
# **The question.** Who takes which decisions, who answers for them, and what does the
# working relationship between the roles (in the articles, the CEO and the COO) ask of
# each?
#
# **Time in class:** about 15 minutes, including the room's RACI round.

# %%
import rolekit

# %% tags=["parameters"]
data_path = None  # None: the bundled table. Or your own CSV, for example "../my_team.csv"
raci_path = None  # None: an invented team's RACI. Or your team's, for example "../../raci/raci_template.csv"

# %%
df = rolekit.load_responsibilities(data_path)

# %% [markdown]
# ## Decision rights in the articles
#
# **About the four articles** (from `data/decisions.csv`, whatever table this notebook
# runs on): each decision the articles name, and each role's letter, read as RACI
# practitioners define it (PMI's PMBOK Guide). **A**ccountable is the one role that
# owns the outcome and signs it off, holding the final say (exactly one per decision);
# **R**esponsible is whoever does the work; **A/R** is a role that does both;
# **C**onsulted gives input before; **I**nformed is told after. Each letter cites the
# passage it comes from. Where the articles name no one for a letter, the cell is
# empty: the kit does not invent it.

# %%
articles = rolekit.load_decisions()

# %%
rolekit.show(rolekit.plot_raci, articles)

# %% [markdown]
# Where each letter comes from:

# %%
rolekit.show(articles)

# %% [markdown]
# ## Reporting lines
#
# The bundled roles and whom each answers to:

# %%
rolekit.show(rolekit.load_roles())

# %% [markdown]
# ## Who decides, in the table
#
# The table's responsibilities in the themes about who decides and who answers to whom
# (those the codebook marks `about_deciding`: `decisions` and `governance`; a table with
# other themes has none, and says who decides through its RACI below):

# %%
rolekit.show(rolekit.listing, df, themes=rolekit.decision_themes(df))

# %% [markdown]
# Who carries that work:

# %%
rolekit.show(rolekit.plot_load, df, themes=rolekit.decision_themes(df))

# %% [markdown]
# ## Working together
#
# The table's responsibilities in the theme `collaboration` (in the bundled tables,
# what the relationship between the roles asks of each):

# %%
rolekit.show(rolekit.listing, df, themes="collaboration")

# %% [markdown]
# ## Exercise: your team's RACI
#
# 1. In a terminal, `rolekit raci --template raci` writes `raci/raci_template.csv`: the
#    articles' decisions, one column per role (`--roles "CEO,COO,CFO"` for your own
#    roles). Open it in a spreadsheet; add rows for decisions of your own.
# 2. In each role's column write **R**, **A**, **C** or **I**, **A/R** for the role
#    that owns a decision and does it, or leave it blank (`-` works too). Exactly one A
#    per decision; a decision with an A and no R is read as the A doing it, with a
#    note. A row with every role blank is a heading for the decisions under it.
# 3. Save as CSV, set `raci_path` in the parameters cell above, and Run All. A table
#    breaking a rule is refused with the line of each problem. A RACI from a public
#    template (a `Task` or `Activity` column, a `Notes` column) is read as it is.
#
# The blank template, with the articles' decisions and roles, looks like this:

# %%
rolekit.show(rolekit.raci_template())

# %% [markdown]
# The team's RACI against the articles'. With `raci_path = None` this is an
# **invented** team (`data/example_raci.csv`), not a real company. On a decision both
# hold, a cell outlined in orange differs from the articles: `C→R` was C in the
# articles and is R here; `–` means no letter.

# %%
team = rolekit.load_decisions(raci_path or rolekit.EXAMPLE_RACI)

# %%
rolekit.show(rolekit.plot_raci, team, against=articles, name="the articles")

# %% [markdown]
# Every letter that differs:

# %%
rolekit.show(rolekit.compare_raci, articles, after=team, changes=["changed", "added", "removed"])

# %% [markdown]
# ## Takeaways
#
# Computed: the team's RACI (with `raci_path = None`, the invented team's) against the
# articles', then the table's decision work:

# %%
rolekit.show(rolekit.raci_summary, team, against=articles, name="the articles")

# %%
rolekit.show(rolekit.takeaways, df, topic="decisions")

# %% [markdown]
# **About the four articles (written by hand, not computed).** The careers article
# gives the CEO the final say on the company's decisions ("ultimate" decision-making
# power, "final authority"), so in the articles' RACI the CEO is accountable for every
# decision but one: the board chooses the CEO (the relationship article), the one
# decision the board owns. That the CEO answers to the board (and, in two articles, to
# the shareholders; in one, to the employees too) does not make the board accountable
# for the CEO's decisions. The COO answers to the CEO, takes operational decisions
# inside the CEO's strategy, advises the CEO and passes executive decisions on to
# department heads. Who sets the COO's remit: "the employer or the CEO", and, in the
# end, the CEO (the titles article says both). The relationship article puts duties on
# both sides: the CEO must be sure the COO shares the vision, can do the job and is not
# after the top job; the COO must be sure the CEO will give the job what it needs,
# put no obstacles in its way and not block the COO's career.

# %% [markdown]
# ## Exercise and discussion
#
# 1. Where does your team's RACI differ most from the articles'? Is that a choice,
#    or something nobody decided?
# 2. Which decision had two candidates for the A? What settled it?
# 3. The CEO (or the employer) decides the COO's remit, so the role differs from company
#    to company. What should a new COO agree with the CEO in the first month?
