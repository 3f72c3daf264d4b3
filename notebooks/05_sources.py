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
# **Time in class:** about 15 minutes.

# %%
import rolekit

# %% tags=["parameters"]
data_path = None  # None: the bundled table. Or your own CSV, for example "../my_team.csv"

# %%
df = rolekit.load_responsibilities(data_path)

# %% [markdown]
# ## Which article gives which theme to whom
#
# One row per article, one column per theme; a marker means the article gives that
# theme to that role. A shaded column is a contradiction: one article gives the theme
# to a role and not another, while a second article does the opposite.

# %%
rolekit.show(rolekit.plot_source_agreement, df)

# %% [markdown]
# The contradictions, with the articles on each side:

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
# Computed from the table this notebook was run on:

# %%
rolekit.show(rolekit.takeaways, df, topic="sources")

# %% [markdown]
# **About the four articles (written by hand, not computed).** The careers article also
# contradicts itself: it gives strategic planning to the COO in one section (R047) and
# strategy to the CEO in others. The rule above cannot see that, because it compares
# sources with each other; and it counts silence as disagreement, so a source that never
# mentions a role can seem to contradict one that does.

# %% [markdown]
# ## Discussion questions
#
# 1. Is the strategy contradiction a real difference between companies, or loose
#    wording in the articles? What would settle it?
# 2. Which single-source claim would you most like a second source for?
