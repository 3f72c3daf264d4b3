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
# # 01 · The data: where it comes from and how it is tagged
#
# **The question.** What do the articles say each role is responsible for, and how did
# that become a table we can count?
#
# **Time in class:** about 8 minutes.
#
# Every chart in this series is drawn from one table. Before trusting a chart, look at
# the table: where each row comes from, and how it was tagged.

# %%
import rolekit

# %% tags=["parameters"]
data_path = None  # None: the bundled table. Or your own CSV, for example "../my_team.csv"

# %% [markdown]
# ## One row per responsibility
#
# In the bundled table, each row is one responsibility that one article gives to one
# role, written in our own words; when two articles say the same thing, each keeps its
# row, since repetition across articles is evidence that they agree. In a table of your
# own, a row is one responsibility of one role. Three tags place each row:
#
# - **scope**: `internal` (works through the company's own people, processes and
#   money) or `external` (deals with, or answers to, people outside: board, investors,
#   customers, partners, media, regulators);
# - **horizon**: `daily` (keeps the current business running) or `long-term` (sets or
#   changes where the business goes);
# - **theme**: what the responsibility is about (the bundled table uses a list of ten,
#   in the codebook; a table of your own may use its own).
#
# In the bundled table, `source` and `section` say where in which article it is stated.

# %%
df = rolekit.load_responsibilities(data_path)

# %% [markdown]
# The table's first rows (eight at most), grouped by theme (when it has themes) and role, with where each comes from
# (when it says):

# %%
rolekit.show(rolekit.listing, df.head(8), details=True)

# %% [markdown]
# ## How many rows, from which source
#
# Each role's rows (the sum of their weights, in a weighted table), by the source they
# come from (by scope and horizon, for a table without sources). About the bundled table (written by hand): the long careers-site
# article supplies most rows; the three short pieces add fewer, but each confirms or
# contradicts the long one.

# %%
rolekit.show(rolekit.evidence, df)

# %% [markdown]
# The four articles behind the bundled table, each by the id its rows cite and what it covers (their full titles
# and files are in `data/sources.csv`):

# %%
rolekit.show(rolekit.load_sources(), keep=["id", "kind", "covers"])

# %% [markdown]
# ## A hard case for the tags: budgets
#
# About the four articles (written by hand): both roles touch the budget, so the theme alone cannot tell them apart. The horizon
# rule does: *setting* the budget and forecast decides where money goes next year
# (long-term); *managing* spending within it, week by week, keeps the business running
# (daily). Raising money from investors faces outside the company (external).
# The codebook, `data/README.md`, lists this and the other hard cases.

# %%
rolekit.show(rolekit.listing, df, themes="finance")

# %% [markdown]
# ## Takeaways
#
# Computed from the table this notebook was run on:

# %%
rolekit.show(rolekit.takeaways, df, topic="data")

# %% [markdown]
# ## Discussion questions
#
# 1. Pick one row and tag it yourself before looking at its tags. Did you agree?
#    Where you did not, which rule would you change?
# 2. Four web articles are a small, uneven evidence base. What would you add to trust
#    the picture more?
