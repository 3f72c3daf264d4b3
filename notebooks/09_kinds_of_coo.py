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
# # 09 · Kinds of COO: what would move?
#
# **The question.** Companies have a COO for different reasons. If your COO were one
# kind rather than another, which responsibilities would move between the CEO and the
# COO, and how would the map change?
#
# **Time in class:** about 5 minutes.
#
# Pick a kind in the parameters cell below (`kind = "executor"`, `"change agent"`,
# `"mentor"`, `"other half"`, `"partner"`, `"heir apparent"` or `"MVP"`) and Run All.

# %%
import rolekit

# %% tags=["parameters"]
data_path = None  # None: the bundled table. Or your own CSV, for example "../my_team.csv"
kind = "other half"  # one of the seven kinds below
ceo = None  # None: the table's CEO (or Chief Executive Officer), else its first role; or a role's name
coo = None  # None: the table's COO (or Chief Operating Officer), else its next role; or a role's name

# %%
df = rolekit.load_responsibilities(data_path)

# %% [markdown]
# ## Seven kinds of COO
#
# **About a published source, not the four articles.** Bennett and Miles (Harvard
# Business Review, May 2006) give seven reasons a company has a COO, read here as seven
# kinds. The meanings are in our words; each scenario is an **illustration** the kit
# applies to show what might move, not a finding of any source.

# %%
rolekit.show(rolekit.load_coo_types())

# %% [markdown]
# Where the four articles echo the kind chosen above (a kind they never describe has
# no row here):

# %%
rolekit.show(rolekit.coo_echoes, kind)

# %% [markdown]
# ## The table under this kind of COO
#
# An **illustrative scenario**: the table this notebook runs on, with the kind's rules
# applied (moved to the other role, shared with it, or given another horizon).

# %%
scenario = rolekit.coo_scenario(df, kind, ceo=ceo, coo=coo)

# %% [markdown]
# What the kind's rules do to this table, rule by rule (or why a rule does nothing
# here):

# %%
rolekit.show(rolekit.scenario_summary, df, kind=kind, ceo=ceo, coo=coo)

# %%
rolekit.show(rolekit.plot_scope_horizon, scenario)

# %% [markdown]
# Against the table as it is: which responsibilities the scenario moves, shares or
# retags.

# %%
rolekit.show(rolekit.plot_compare, df, after=scenario)

# %%
rolekit.show(rolekit.compare, df, after=scenario, changes=["moved", "retagged", "moved and retagged", "added"])

# %% [markdown]
# ## Takeaways
#
# Computed from the table and the scenario of the kind chosen:

# %%
rolekit.show(rolekit.compare_summary, df, after=scenario)

# %%
rolekit.show(rolekit.takeaways, scenario, topic="profile")

# %% [markdown]
# ## Discussion questions
#
# 1. Which kind is your COO (or the COO you would hire)? Run the notebook with that
#    kind: does the scenario look like your company?
# 2. Which kind would change your CEO's job the most? Which the least?
# 3. The articles echo some kinds and never mention others (mentor, MVP). What does
#    that say about whom the articles were written for?
