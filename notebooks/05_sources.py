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
# # 05 · Do the sources agree?
#
# **The question.** Where do the four articles back each other up, and where do they
# contradict each other?
#
# **Time in class:** about 5 minutes.

# %%
import rolekit

# %% tags=["parameters"]
data_path = None  # None: the bundled table. Or your own CSV, for example "../my_team.csv"

# %%
df = rolekit.load_responsibilities(data_path)

# %% [markdown]
# ## Where the articles disagree outright
#
# **About the four articles** (from `data/tensions.csv`, whatever table this notebook
# runs on): each question below is one the articles answer in more than one way, each
# answer stated in a passage. A question marked "within" is one on which a single
# article takes two positions.

# %%
rolekit.show(rolekit.plot_tensions, rolekit.load_tensions())

# %% [markdown]
# Each position with the passage that takes it, to look up in the article:

# %%
rolekit.show(rolekit.load_tensions())

# %% [markdown]
# ## Hints from silence: which article gives which theme to whom
#
# The rest of this notebook is computed from the table it runs on, and it is weaker
# evidence. One row per article, one column per theme; a marker means the article
# gives that theme to that role. A shaded column is a **hint** of a contradiction:
# one article gives the theme to a role and not another, while a second article does
# the opposite. An article that does not mention a role at all does not contradict
# one that does: read these as places to look, not as disagreements.

# %%
rolekit.show(rolekit.plot_source_agreement, df)

# %% [markdown]
# The hinted contradictions, with the articles on each side:

# %%
rolekit.show(rolekit.source_agreement, df, part="contradictions")

# %% [markdown]
# The rows behind them:

# %%
rolekit.show(rolekit.listing, df, contested=True)

# %% [markdown]
# How many articles support each theme for each role; one article alone is thin
# evidence:

# %%
rolekit.show(rolekit.source_agreement, df, part="support")

# %% [markdown]
# ## Takeaways
#
# Computed: first from the articles' tensions, then from the table this notebook was
# run on:

# %%
rolekit.show(rolekit.tension_summary, rolekit.load_tensions())

# %%
rolekit.show(rolekit.takeaways, df, topic="sources")

# %% [markdown]
# ## Discussion questions
#
# 1. Who makes the strategy: is the split between the articles a real difference
#    between companies, or loose wording? What would settle it?
# 2. The titles article says both "the employer or the CEO" and "the CEO" decide what
#    the COO does. Who decides it where you work?
# 3. Which claim that only one article makes would you most like a second source for?
