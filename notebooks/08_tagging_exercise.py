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
# # 08 · The tagging exercise: does the room agree?
#
# **The question.** Given the same responsibilities, do people tag them the same way:
# which role holds each, inside or outside, today or the years ahead? Where does the
# room split, and where does it depart from the articles?
#
# **Time in class:** about 30 minutes: 10 to fill in the sheets, 5 to score, 15 to
# discuss.
#
# **For the facilitator.** Before the session, make the sheets from the shell:
#
# ```sh
# .venv/bin/rolekit worksheet --n 16 --seed 2026 --participants 12 --out exercise
# ```
#
# Hand out `exercise/worksheet.html` printed, or `exercise/sheets/P01.csv`... by email;
# keep `exercise/key/answer_key.csv` to yourself. Collect the sheets back into one
# folder, or export an online form (one row per person, columns named like `Q01 role`),
# and set `sheets_path` below. Until then, this notebook scores a **synthetic class**:
# twelve invented participants whose answers rolekit generated, with seeded, realistic
# disagreement, to the worksheet of the bundled table. Nobody real answered it.

# %%
import rolekit

# %% tags=["parameters"]
data_path = None  # None: the bundled table. Or your own CSV, for example "../my_team.csv"
sheets_path = None  # None: the synthetic class. Or the folder of returned sheets, or a form export
key_path = None  # None: key/answer_key.csv beside the sheets' folder

# %%
df = rolekit.load_responsibilities(data_path)

# %% [markdown]
# ## 1. The sheet
#
# Sixteen responsibilities drawn from the table, balanced across roles and the four
# scope x horizon cells, in shuffled order. The same seed always draws the same sheet.

# %%
rolekit.show(rolekit.worksheet, df, n=16, seed=2026, part="items")

# %% [markdown]
# ## 2. The scores
#
# Each participant's answers are read like the loader reads a table: case and spaces do
# not matter, a typo gets a did-you-mean, and a sheet that cannot be used is named and
# left out. Participants appear as P1, P2...: names stay in `scores.csv`, never on screen.

# %%
scores = rolekit.score_sheets(sheets_path or rolekit.SYNTHETIC_CLASS, key_path)

# %%
rolekit.show(rolekit.score_summary, scores)

# %% [markdown]
# **Agreement in the room.** Kappa measures agreement beyond what chance alone would
# give: 1 when everyone agrees, 0 when they agree no more than by chance. The bands are
# Landis and Koch's (1977) words for ranges of kappa.

# %%
rolekit.show(rolekit.plot_agreement, scores)

# %% [markdown]
# ## 3. Where the room splits
#
# The items with the lowest agreement: the next discussion.

# %%
rolekit.show(rolekit.plot_disputed, scores)

# %%
rolekit.show(rolekit.disputed, scores)

# %% [markdown]
# ## 4. The room against the articles
#
# For each item and dimension, the share of the room whose answer matches the key,
# which is the tagging of the table the sheet was drawn from.

# %%
rolekit.show(rolekit.plot_room_vs_key, scores)

# %% [markdown]
# ## Takeaways
#
# Computed from the tables this notebook was run on:

# %%
rolekit.show(rolekit.score_summary, scores)

# %% [markdown]
# Reading them:
#
# - The numbers above are computed from the sheets returned: agreement within the room
#   and with the key, item by item.
# - Low agreement is not a wrong answer: it marks a responsibility whose owner, or whose
#   nature, the room sees differently. That is where the role split needs a decision.
# - A room can agree with itself and still differ from the key: the articles describe a
#   typical company, not yours.

# %% [markdown]
# ## Discussion questions
#
# 1. Take the most disputed item. Those who chose each answer: what did you picture?
# 2. Where the room agrees but the key says otherwise, who is right for your company?
# 3. Which dimension was hardest, and would a clearer rule (see the codebook) have
#    settled it?
