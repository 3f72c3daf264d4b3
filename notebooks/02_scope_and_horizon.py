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
# # 02 · Scope and horizon: where each role's work sits
#
# **The question.** Does each role work inside the company or face outward; on
# today's business or on where it goes next?
#
# **Time in class:** about 10 minutes.

# %%
import rolekit

# %% tags=["parameters"]
data_path = None  # None: the bundled table. Or your own CSV, for example "../my_team.csv"

# %%
df = rolekit.load_responsibilities(data_path)

# %% [markdown]
# ## The 2x2 map
#
# Each dot is one responsibility, in its role's colour and shape, on the row of its
# theme (of its role, for a table without themes). Left: daily; right: long-term.
# Bottom: internal; top: external. For a table with more rows than the slide holds, or
# with weights, the map is a grid instead: a row per role, a dot per cell sized by its
# count or weight. The title says where each role's work most often sits.

# %%
rolekit.show(rolekit.plot_scope_horizon, df)

# %% [markdown]
# ## Role profiles
#
# The same rows as shares of each role's responsibilities, so roles with more rows do
# not look bigger.

# %%
rolekit.show(rolekit.plot_role_profiles, df)

# %% [markdown]
# The counts behind both charts (sums of weights, in a weighted table):

# %%
rolekit.show(rolekit.tally, df, rows="role", columns=["scope", "horizon"])

# %% [markdown]
# ## Takeaways
#
# Computed from the table this notebook was run on:

# %%
rolekit.show(rolekit.takeaways, df, topic="profile")

# %% [markdown]
# ## Discussion questions
#
# 1. In the four articles the COO has nothing external. In your organisation, who meets
#    the key customer when a delivery fails, and is that written down anywhere?
# 2. Which of the articles' CEO's daily responsibilities could move to a COO (or, on
#    your own table, from your top role to another), and what would it do with the time?
# 3. Where would you put your own role's dots?
