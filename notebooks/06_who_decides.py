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
# **The question.** What do the articles say about decision authority, reporting lines
# and the working relationship between CEO and COO?
#
# **Time in class:** about 25 minutes, including the exercise.

# %%
import rolekit

# %% tags=["parameters"]
data_path = None  # None: the bundled table. Or your own CSV, for example "../my_team.csv"

# %%
df = rolekit.load_responsibilities(data_path)

# %% [markdown]
# ## Reporting lines
#
# The bundled roles and whom each answers to:

# %%
rolekit.show(rolekit.load_roles())

# %% [markdown]
# ## Decisions and governance
#
# Who takes which decisions, who answers to whom, and who sets the COO's remit:

# %%
rolekit.show(rolekit.listing, df, themes=["decisions", "governance"])

# %% [markdown]
# Where each role's decision, governance and collaboration work sits:

# %%
rolekit.show(rolekit.plot_theme_differences, df, themes=["decisions", "governance", "collaboration"])

# %% [markdown]
# ## Working together
#
# What the articles ask of the relationship itself:

# %%
rolekit.show(rolekit.listing, df, themes="collaboration")

# %% [markdown]
# ## Takeaways
#
# Computed from the table this notebook was run on:

# %%
rolekit.show(rolekit.takeaways, df, topic="decisions")

# %% [markdown]
# **About the four articles (written by hand, not computed).** There, authority runs one
# way: the CEO has the final say, answers to the board and shareholders, and decides what
# the COO is responsible for; the COO reports to the CEO and takes operational decisions
# inside the CEO's strategy, passing executive decisions on to department heads. Both
# sides owe the relationship something: the CEO gives the COO what the job needs and
# shares the vision; the COO secures the CEO's backing. Two of the four articles speak of
# trust and information flowing both ways.

# %% [markdown]
# ## Exercise and discussion
#
# 1. **RACI in ten minutes.** Pick three decisions in your organisation (a price change,
#    a senior hire, a new market). For each, who is **R**esponsible, who is
#    **A**ccountable (exactly one person), who is **C**onsulted, who is **I**nformed?
#    Compare your CEO and COO columns with the table above.
# 2. The CEO decides the COO's remit, so the role differs from company to company. What
#    should a new COO agree with the CEO in the first month?
