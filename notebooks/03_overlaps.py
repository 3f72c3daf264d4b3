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
# # 03 · Overlaps: the themes roles share
#
# **The question.** Which themes do the roles share, and which belong to one role only?
#
# **Time in class:** about 5 minutes.

# %%
import rolekit

# %% tags=["parameters"]
data_path = None  # None: the bundled table. Or your own CSV, for example "../my_team.csv"

# %%
df = rolekit.load_responsibilities(data_path)

# %% [markdown]
# ## Shared and separate themes
#
# A role *holds* a theme when at least one of its responsibilities has that theme. For
# two or three roles the chart is a Venn diagram: each region lists the themes held by
# exactly the roles whose circles overlap there. With more roles it is a role x theme
# grid, a dot where a role holds a theme.

# %%
rolekit.show(rolekit.plot_theme_overlap, df)

# %% [markdown]
# ## Who carries the load
#
# Sharing a theme does not mean sharing the work. Each bar is one theme, split by the
# roles that hold it; the numbers are how many responsibilities each holds there (or
# their weight, when the table has one).

# %%
rolekit.show(rolekit.plot_load, df)

# %% [markdown]
# The same for every pair of roles. *Jaccard (shared of all)* is the share of all
# their themes that they hold in common: 100% when they hold exactly the same themes,
# 0% when none.

# %%
rolekit.show(rolekit.overlap, df, part="pairs")

# %% [markdown]
# ## What only one role does
#
# The responsibilities in themes that exactly one role holds:

# %%
rolekit.show(rolekit.listing, df, held_by=1)

# %% [markdown]
# ## The same duty, two owners
#
# Themes are coarse: two roles share a theme whenever both have one row in it. Finer:
# pairs of responsibilities held by different roles that say nearly the same thing
# (a score of 1 means every content word of one is in the other, role names set aside).

# %%
rolekit.show(rolekit.similar_responsibilities, df)

# %% [markdown]
# ## Takeaways
#
# Computed from the table this notebook was run on:

# %%
rolekit.show(rolekit.takeaways, df, topic="overlap")

# %%
rolekit.show(rolekit.takeaways, df, topic="load")

# %% [markdown]
# ## Discussion questions
#
# 1. Every shared theme is a place where two roles could step on each other's toes.
#    Which one worries you most, and why?
# 2. In the four articles only the CEO holds `stakeholders`. Would you expect a COO to
#    hold it in a company that sells to a few large customers? What changes?
