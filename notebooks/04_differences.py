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
# # 04 · Differences within shared themes
#
# **The question.** When both roles hold a theme, do they do the same thing?
#
# **Time in class:** about 5 minutes.

# %%
import rolekit

# %% tags=["parameters"]
data_path = None  # None: the bundled table. Or your own CSV, for example "../my_team.csv"

# %%
df = rolekit.load_responsibilities(data_path)

# %% [markdown]
# ## Same theme, different footing
#
# For each theme held by two roles or more: left, how much of each role's work in it
# faces outside; right, how much of it is long-term. A grey bar spans the gap between
# roles; each role has its own line in a theme's row, so equal shares never hide each
# other.

# %%
rolekit.show(rolekit.plot_theme_differences, df)

# %% [markdown]
# The numbers, one row per pair of roles and shared theme; `_gap` columns are the first
# role minus the second:

# %%
rolekit.show(rolekit.overlap, df, part="differences")

# %% [markdown]
# ## A closer look: strategy
#
# About the four articles (written by hand): both roles hold strategy there, but read the
# verbs: the CEO's rows mostly set the direction, the COO's mostly carry it out. On your
# own table, read the verbs the same way. The table's strategy rows (a table whose
# strategy one role holds alone, or that has no theme of that name, shows that here):

# %%
rolekit.show(rolekit.listing, df, themes="strategy")

# %% [markdown]
# ## Takeaways
#
# Computed from the table this notebook was run on:

# %%
rolekit.show(rolekit.takeaways, df, topic="differences")

# %% [markdown]
# ## Discussion questions
#
# 1. In the four articles strategy appears on both sides. Where exactly does setting
#    strategy end and carrying it out begin, and who decides when it is unclear?
# 2. Pick a theme in the chart above: which role's work in it is more long-term? Does
#    that match what you see, and what does it say about who builds the organisation?
