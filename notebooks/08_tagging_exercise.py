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
# **Time in class:** about 22 minutes: 12 to join and tag on phones, 10 for the results.
#
# **For the facilitator.** Before the session, draw the worksheet from the table the
# room will work on, and on the day serve it to the room's phones:
#
# ```sh
# .venv/bin/rolekit worksheet --n 16 --seed 2026 --out exercise   # add --data team.csv for the team's table
# .venv/bin/rolekit room exercise                                  # phones scan the QR code; Close writes exercise/room/
# ```
#
# Then set `room` below to the folder Close wrote, from this notebook's folder
# (`"../../exercise/room"` in `build/lab/`, where `make lab` opens it), and run the
# notebook again. Without a Wi-Fi the room can reach, the paper sheets and
# `exercise/quick_entry.csv` do the same job: set `sheets_path` to the typed file. Until then, this notebook shows a
# **synthetic class**: twelve invented participants whose answers rolekit generated,
# with seeded, realistic disagreement, on the 16 items of its own worksheet (drawn from
# the bundled table). Nobody real answered it.

# %%
import rolekit

# %% tags=["parameters"]
data_path = None  # None: the bundled table. Or your own CSV, for example "../my_team.csv"
room = None  # None: the synthetic class. Or a closed room's folder (rolekit room's --out), e.g. "../../exercise/room"
sheets_path = None  # or, instead of a room, the folder of returned sheets, a form export or the quick-entry table
key_path = None  # None: the key rolekit worksheet wrote beside them

# %%
df = rolekit.load_responsibilities(data_path)

# %%
scores = rolekit.class_scores(room=room, sheets=sheets_path, key=key_path)

# %% [markdown]
# ## 1. The class and its items
#
# Which answers these are, and whether their items are those of the table this
# notebook runs on: a class is only ever scored against the key of its own worksheet.

# %%
rolekit.show(rolekit.scored_class, scores, table=df)

# %%
rolekit.show(rolekit.scored_items, scores)

# %% [markdown]
# ## 2. The scores
#
# Each answer was read like the loader reads a table: case and spaces do not matter,
# short answers count where they name one value only, a typo gets a did-you-mean, and a
# sheet that cannot be used is named and left out. Participants appear as P1, P2...:
# names stay in `scores.csv`, never on screen.

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
# ## 4. The room against the key
#
# For each item and dimension, the share of the room whose answer matches the key,
# which is the tagging of the table the worksheet was drawn from.

# %%
rolekit.show(rolekit.plot_room_vs_key, scores)

# %% [markdown]
# ## Takeaways
#
# Computed from the answers this notebook was run on:

# %%
rolekit.show(rolekit.score_summary, scores)

# %% [markdown]
# Reading them:
#
# - The numbers above are computed from the answers given: agreement within the room
#   and with the key, item by item.
# - Low agreement is not a wrong answer: it marks a responsibility whose owner, or whose
#   nature, the room sees differently. That is where the role split needs a decision.
# - A room can agree with itself and still differ from the key: the key is the tagging
#   of the table the worksheet was drawn from, not a verdict on your company.

# %% [markdown]
# ## Discussion questions
#
# 1. Take the most disputed item. Those who chose each answer: what did you picture?
# 2. Where the room agrees but the key says otherwise, who is right for your company?
# 3. Which dimension was hardest, and would a clearer rule (see the codebook) have
#    settled it?
