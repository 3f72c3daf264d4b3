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
# truly disagree?
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
# runs on): each question below is one where two passages cannot both be true of the
# same company, each answer stated in a passage. Silence is not a position: an article
# that does not mention something takes no side. Nor is an overlap a disagreement:
# where the CEO writes company-wide policies and the COO operating ones, both hold. A
# question marked "within" is one on which a single article takes two positions.

# %%
rolekit.show(rolekit.plot_tensions, rolekit.load_tensions())

# %% [markdown]
# Each position with the passage that takes it, to look up in the article:

# %%
rolekit.show(rolekit.load_tensions())

# %% [markdown]
# ## Gaps: one source names a role for a theme, another does not
#
# The rest of this notebook is computed from the table it runs on, whose sources are
# the four articles on the bundled table and yours on your own. One row per source,
# one column per theme; a marker means the source gives that theme to that role. A
# shaded column is a **gap**: one source names a role for the theme and leaves another
# out, while a second source does the reverse. That is silence on each side, not a
# clash: a source that does not mention a role takes no position on it. Read the gaps
# as places to look; only the questions above are disagreements.

# %%
rolekit.show(rolekit.plot_source_agreement, df)

# %% [markdown]
# The gaps, with the sources on each side:

# %%
rolekit.show(rolekit.source_agreement, df, part="gaps")

# %% [markdown]
# The rows behind them:

# %%
rolekit.show(rolekit.listing, df, gaps=True)

# %% [markdown]
# How many sources support each theme for each role; one source alone is thin
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
# 1. Who develops the strategies: the CEO, for the COO to carry out, or the COO? Is the
#    split between the articles a real difference between companies, or loose wording?
#    What would settle it?
# 2. The careers article has the CEO both setting and carrying out the vision, and, in
#    other sections, the COO carrying out the CEO's vision. Who carries it out where you
#    work?
# 3. The titles article says "the employer or the CEO" decides what the COO does, and
#    also that in the end the CEO does. Who decides it where you work?
# 4. Which claim that only one article makes would you most like a second source for?
