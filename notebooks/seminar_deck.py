# ---
# jupyter:
#   jupytext:
#     cell_metadata_filter: slideshow,tags,-all
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

# %% slideshow={"slide_type": "skip"}
import rolekit

# %% slideshow={"slide_type": "skip"} tags=["parameters"]
data_path = None  # None: the bundled table. Or your own CSV, for example "../my_team.csv"

# %% slideshow={"slide_type": "skip"}
df = rolekit.load_responsibilities(data_path)

# %% slideshow={"slide_type": "slide"}
rolekit.show(rolekit.roles_title, df)

# %% [markdown]
# One table of responsibilities, drawn from four articles or from your organisation.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## The evidence, role by role

# %%
rolekit.show(rolekit.evidence, df)

# %% slideshow={"slide_type": "notes"}
rolekit.show(rolekit.takeaways, df, topic="data")

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Where the work sits

# %%
rolekit.show(rolekit.plot_scope_horizon, df)

# %% slideshow={"slide_type": "notes"}
rolekit.show(rolekit.takeaways, df, topic="profile")

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Each role's profile

# %%
rolekit.show(rolekit.plot_role_profiles, df)

# %% slideshow={"slide_type": "notes"}
rolekit.show(rolekit.takeaways, df, topic="shares")

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Shared themes

# %%
rolekit.show(rolekit.plot_theme_overlap, df)

# %% slideshow={"slide_type": "notes"}
rolekit.show(rolekit.takeaways, df, topic="overlap")

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Who carries the load

# %%
rolekit.show(rolekit.plot_load, df)

# %% slideshow={"slide_type": "notes"}
rolekit.show(rolekit.takeaways, df, topic="load")

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Same theme, different footing

# %%
rolekit.show(rolekit.plot_theme_differences, df)

# %% slideshow={"slide_type": "notes"}
rolekit.show(rolekit.takeaways, df, topic="differences")

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Where the articles disagree

# %%
rolekit.show(rolekit.plot_tensions, rolekit.load_tensions())

# %% slideshow={"slide_type": "notes"}
rolekit.show(rolekit.tension_summary, rolekit.load_tensions())

# %% [markdown] slideshow={"slide_type": "notes"}
# About the articles (by hand): each question is two passages that cannot both be true of
# one company. Silence is not a position, and roles holding different parts of one area
# (company-wide against operating policies) is an overlap, not a disagreement.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Who decides, in the articles

# %%
rolekit.show(rolekit.plot_raci, rolekit.load_decisions())

# %% slideshow={"slide_type": "notes"}
rolekit.show(rolekit.raci_summary, rolekit.load_decisions())

# %% [markdown] slideshow={"slide_type": "notes"}
# About the articles (by hand): A is the one role that owns a decision and has the final
# say; R does the work; A/R does both. The articles give the CEO the final say, so the
# CEO is A everywhere but in choosing the CEO, which the board does. Answering to the
# board does not make the board A of the CEO's decisions.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Who decides, in the table

# %%
rolekit.show(rolekit.plot_load, df, themes=rolekit.decision_themes(df))

# %% slideshow={"slide_type": "notes"}
rolekit.show(rolekit.takeaways, df, topic="decisions")

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Over to you
#
# 1. Where does setting strategy end and carrying it out begin, and who decides when it
#    is unclear?
# 2. In the four articles the COO holds nothing external. Does that hold where you work?
# 3. RACI: for three real decisions, who is Responsible, Accountable, Consulted,
#    Informed?
