"""The room's pages: what a phone shows (join, answer, closed) and what the projector shows (the facilitator's page).

Every page is one HTML document with its style and script inline, so that nothing
is loaded from anywhere; the Content-Security-Policy (:data:`CSP`) allows exactly
these inline blocks by their hashes, and nothing else. Every value that comes from
a table or a participant is escaped. The participant page is a plain HTML form
that works with JavaScript off; its script only saves each answer as it is tapped.
Names never appear on the facilitator's page: it is projected.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

from .rounds import Round

__all__ = [
    "CSP",
    "closed_page",
    "facilitator_page",
    "join_page",
    "message_page",
    "participant_page",
    "results_page",
    "writing_page",
]

_STYLE = """
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:#f4f4f1;color:#1b1b1b;font:18px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",
sans-serif;overflow-wrap:break-word}
main{max-width:42rem;margin:0 auto;padding:12px 12px 104px}
h1{font-size:1.6rem;margin:10px 0 4px}
h2{font-size:1.2rem;margin:18px 0 6px}
p{margin:6px 0 12px}
.note{color:#4a4a4a;font-size:16px}
.bad{color:#a4000f;font-weight:700}
.card{background:#fff;border-radius:12px;margin:0 0 14px;padding:12px 12px 4px;border:1px solid #d8d8d2}
.card>legend{float:left;width:100%;padding:0;margin:0 0 6px;font-size:18px;font-weight:700}
.card>legend b{display:inline-block;min-width:2.6em;color:#0b4f8a}
fieldset{border:0;margin:0;padding:0;min-width:0}
.dim{clear:both;margin:0 0 10px}
.dim>legend{padding:0;font-size:16px;font-weight:400;color:#3f3f3f;margin:0 0 4px}
.choices{display:flex;flex-wrap:wrap;gap:8px}
.choices span{flex:1 1 7.5rem;display:flex}
.choices input{position:absolute;opacity:0;width:1px;height:1px;margin:0}
.choices label{flex:1;min-height:48px;display:flex;align-items:center;justify-content:center;text-align:center;
padding:8px 10px;border:2px solid #6d6d6d;border-radius:10px;background:#fff;font-size:18px;cursor:pointer;
overflow-wrap:anywhere}
.choices input:checked+label{background:#0b4f8a;border-color:#0b4f8a;color:#fff;font-weight:700}
.choices input:focus-visible+label{outline:3px solid #e69f00;outline-offset:2px}
.bar{position:fixed;left:0;right:0;bottom:0;background:#fff;border-top:1px solid #c9c9c2;padding:10px 12px}
.bar div{max-width:42rem;margin:0 auto;display:flex;gap:12px;align-items:center}
.bar p{flex:1;margin:0;font-size:16px}
button,input[type=text]{font:inherit;font-size:18px;min-height:48px;border-radius:10px}
button{background:#0b4f8a;color:#fff;border:0;padding:10px 22px;font-weight:700;cursor:pointer}
button:focus-visible,input[type=text]:focus-visible{outline:3px solid #e69f00;outline-offset:2px}
input[type=text]{width:100%;padding:8px 12px;border:2px solid #6d6d6d;background:#fff}
label.name{display:block;font-weight:700;margin:12px 0 6px}
.wide{max-width:none;padding:16px 32px}
.top{display:flex;justify-content:space-between;align-items:center;gap:16px}
.top h1{margin:0}
.screen{display:grid;grid-template-columns:minmax(0,4fr) minmax(0,6fr);gap:32px;align-items:start;margin-top:12px}
.join{background:#fff;border-radius:16px;padding:16px;border:1px solid #d8d8d2;text-align:center}
.join svg{width:100%;max-width:330px;height:auto}
.join p{margin:4px 0}
.address{font:700 24px/1.3 "DejaVu Sans Mono",Menlo,Consolas,monospace;word-break:break-all}
.big{display:flex;gap:32px;margin:0 0 4px}
.big p{margin:0;font-size:18px}
.big b{display:block;font-size:48px;line-height:1.1;color:#0b4f8a}
h2.live{font-size:18px;margin:12px 0 4px}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{border:1px solid #c9c9c2;padding:4px 8px;text-align:left;font-size:18px}
.items{display:flex;flex-wrap:wrap;gap:6px;margin:0}
.items>span{background:#fff;border:1px solid #c9c9c2;border-radius:8px;padding:2px 8px;font-size:16px}
.disputed{font-size:18px;margin:0}
img{width:100%;height:auto;background:#fff}
@media (max-width:800px){.screen{grid-template-columns:1fr}.wide{padding:12px}.top{flex-wrap:wrap}
th,td{font-size:16px;padding:4px}.big{gap:16px}.big b{font-size:36px}.address{font-size:18px}}
"""

_ANSWER_SCRIPT = """
(function(){
var form=document.getElementById('answers'),status=document.getElementById('status');
if(!form||!window.fetch||!window.URLSearchParams)return;
var intro=document.getElementById('intro');if(intro)intro.textContent=intro.getAttribute('data-taps');
form.addEventListener('change',function(e){
var t=e.target;if(!t.name)return;
var body=new URLSearchParams();body.append(t.name,t.value);
status.className='';status.textContent='Saving\\u2026';
fetch(form.action,{method:'POST',body:body,headers:{'Accept':'application/json'},credentials:'same-origin'})
.then(function(r){status.className='bad';
if(r.status===429){status.textContent='Not saved: too many taps at once. Wait a second, then choose again.';return;}
if(r.status===409){window.location.reload();return;}
return r.json().then(function(j){status.className=r.ok?'':'bad';status.textContent=j.message;},
function(){status.textContent='Not saved: the room answered '+r.status+'. Tap Save to try again.';});})
.catch(function(){status.className='bad';
status.textContent='Not saved: the connection dropped. Tap Save when you are back on the Wi-Fi.';});
});
})();
"""

_LIVE_SCRIPT = """
(function(){
if(!window.fetch)return;
var close=document.querySelector('form.close');
if(close)close.addEventListener('submit',function(e){
if(!window.confirm('Close the round? Answers can no longer be changed, and the results are written.'))
e.preventDefault();});
function put(key,value){var el=document.querySelector('[data-live="'+key+'"]');if(el)el.textContent=value;}
function tick(){
fetch('/facilitator/live',{credentials:'same-origin',headers:{'Accept':'application/json'}})
.then(function(r){return r.ok?r.json():null;})
.then(function(s){if(!s)return;
if(s.closed){window.location.reload();return;}
Object.keys(s.text).forEach(function(k){put(k,s.text[k]);});})
.catch(function(){});
}
window.setInterval(tick,2000);
})();
"""


def _hash(block: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(block.encode()).digest()).decode() + "'"


# Nothing from elsewhere: no default source, only these inline blocks, images only as data: (the results' charts),
# requests and forms only to this server, never inside another site's frame.
CSP = (
    f"default-src 'none'; style-src {_hash(_STYLE)}; script-src {_hash(_ANSWER_SCRIPT)} {_hash(_LIVE_SCRIPT)}; "
    "img-src data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)


def _page(title: str, body: str, script: str = "", refresh: int = 0, wide: bool = False) -> str:
    """A page; ``refresh``: load it again every so many seconds (only without JavaScript when it has a script)."""
    again = f'<meta http-equiv="refresh" content="{refresh}">' if refresh else ""
    if again and script:
        again = f"<noscript>{again}</noscript>"
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta name="referrer" content="same-origin"><title>{escape(title)}</title>{again}'
        f"<style>{_STYLE}</style></head><body><main{' class=wide' if wide else ''}>{body}</main>"
        + (f"<script>{script}</script>" if script else "")
        + "</body></html>\n"
    )


def message_page(title: str, text: str) -> str:
    """A short page with one message: not found, too many requests, refused."""
    return _page(title, f"<h1>{escape(title)}</h1><p>{escape(text)}</p>")


def join_page(round: Round, action: str, error: str = "", name: str = "", rejoin: bool = False) -> str:
    """The first page a phone sees: a name or nickname (or none), then Join; with ``rejoin``, a rejoin code too."""
    said = f'<p class="bad" role="alert">{escape(error)}</p>' if error else ""
    what = (
        f"{len(round.questions)} responsibilities: for each, say which role holds it, whether it faces inside or "
        "outside the company, and whether it keeps today's business running or shapes where it goes."
        if round.kind == "tagging"
        else f"{len(round.questions)} decisions: for each, say which role is accountable (owns the outcome, signs it "
        "off) and which is responsible (does the work)."
    )
    return _page(
        round.title,
        f"<h1>{escape(round.title)}</h1><p>{escape(what)} Work alone; you can change your answers until the "
        "facilitator closes the round.</p>"
        f'{said}<form method="post" action="{escape(action)}">'
        '<label class="name" for="name">Your name or a nickname (optional)</label>'
        # maxlength counts UTF-16 units, and one emoji a phone shows may be eleven: the server counts what shows
        f'<input type="text" id="name" name="name" maxlength="320" autocomplete="nickname" value="{escape(name)}">'
        '<p class="note">At most 40 characters. It stays on the facilitator\'s laptop; the screen shows P1, P2…</p>'
        + (
            '<label class="name" for="code">Rejoin code (only if you joined on another phone or browser)</label>'
            '<input type="text" id="code" name="code" maxlength="12" inputmode="numeric" autocomplete="off">'
            if rejoin
            else ""
        )
        + "<button type=submit>Join</button></form>",
    )


def _choices(field: str, dimension: str, choices: Sequence[str], chosen: str | None, label: str) -> str:
    buttons = "".join(
        f'<span><input type="radio" id="{escape(field)}-{k}" name="{escape(field)}" value="{escape(c)}"'
        f"{' checked' if c == chosen else ''}>"
        f'<label for="{escape(field)}-{k}">{escape(c)}</label></span>'
        for k, c in enumerate(choices)
    )
    return f'<fieldset class="dim"><legend>{escape(label)}</legend><div class="choices">{buttons}</div></fieldset>'


_LABELS = {
    "role": "Which role holds it?",
    "scope": "Inside or outside the company?",
    "horizon": "Today's business or where it goes?",
    "accountable": "Accountable (owns the outcome, signs it off)",
    "responsible": "Responsible (does the work)",
}


def saved_line(round: Round, answers: Mapping[str, str]) -> str:
    """``Saved: 14 of 16 answered.``: what the server holds for this phone, in words.

    >>> import rolekit
    >>> from rolekit.room import tagging_round
    >>> saved_line(tagging_round(rolekit.SYNTHETIC_KEY.parent.parent), {"Q01-role": "CEO"})
    'Saved: 0 of 16 answered (1 in part).'
    """
    done = sum(all(f.name in answers for f in q.fields) for q in round.questions)
    some = sum(any(f.name in answers for f in q.fields) for q in round.questions)
    if not answers:
        return "Nothing saved yet: tap your answers."
    part = f" ({some - done} in part)" if some > done else ""
    return f"Saved: {done} of {len(round.questions)} answered{part}."


def participant_page(
    round: Round,
    action: str,
    who: str,
    answers: Mapping[str, str],
    error: str = "",
    closed: bool = False,
    rejoin: str = "",
) -> str:
    """The answers page: one card per item, a row of buttons per dimension, the answers saved so far ticked.

    ``rejoin``: the participant's rejoin code, shown under their name while the round is open.
    """
    cards = "".join(
        f'<fieldset class="card"><legend><b>{escape(q.id)}</b> {escape(q.text)}</legend>'
        + "".join(_choices(f.name, f.dimension, f.choices, answers.get(f.name), _LABELS[f.dimension]) for f in q.fields)
        + "</fieldset>"
        for q in round.questions
    )
    said = f'<p class="bad" role="alert">{escape(error)}</p>' if error else ""
    status = "The round is closed: these are your answers as saved." if closed else saved_line(round, answers)
    bar = (
        ""
        if closed
        else f'<div class="bar"><div><p id="status" role="status">{escape(status)}</p>'
        "<button type=submit>Save</button></div></div>"
    )
    until = "you can change any answer until the facilitator closes the round."
    taps = f"Tap one answer in each row. Each tap is saved at once (or tap Save); {until}"  # the script says so
    intro = f"Tap one answer in each row, then tap Save to keep them; {until}"  # without JavaScript: Save alone
    return _page(
        round.title,
        f"<h1>{escape(round.title)}</h1><p class=note>You are {escape(who)}."
        + (
            f" Your rejoin code is <b>{rejoin[:3]}\u00a0{rejoin[3:]}</b>: to carry on from another phone or browser, "
            "join there with your name and this code.</p>"
            if rejoin and not closed
            else "</p>"
        )
        + f"{said}"
        + (f"<p>{escape(status)}</p>" if closed else f'<p id="intro" data-taps="{escape(taps)}">{escape(intro)}</p>')
        + f'<form id="answers" method="post" action="{escape(action)}">'
        + (f"<fieldset disabled>{cards}</fieldset>" if closed else cards)
        + bar
        + "</form>",
        "" if closed else _ANSWER_SCRIPT,
    )


def closed_page(round: Round) -> str:
    return message_page(
        "The round is closed",
        "The facilitator has closed this round, so answers can no longer be given or changed. "
        "The answers you saved before it closed all count.",
    )


def _live(key: str, value: Any) -> str:
    return f'<span data-live="{escape(key)}">{escape(str(value))}</span>'


def facilitator_page(round: Round, join: str, qr_svg: str, live: Mapping[str, Any], token: str) -> str:
    """The projected page: the join address and its QR code, large; live counts and agreement; Close.

    ``live`` is :meth:`rolekit.room.live.Live.snapshot`; every value from it is shown
    in an element whose ``data-live`` key the page's script updates every 2 seconds.
    """
    text = live["text"]
    rows = "".join(
        f"<tr><td>{escape(d)}</td><td>{_live(f'{d}-kappa', text[f'{d}-kappa'])}</td>"
        f"<td>{_live(f'{d}-alpha', text[f'{d}-alpha'])}</td><td>{_live(f'{d}-band', text[f'{d}-band'])}</td></tr>"
        for d in round.dimensions
    )
    items = "".join(
        f"<span>{escape(q.id)}: {_live(f'item-{q.id}', text[f'item-{q.id}'])}</span>" for q in round.questions
    )
    body = (
        f'<div class="top"><h1>{escape(round.title)} {"Tag" if round.kind == "tagging" else "Decide"} from your '
        'phone</h1><form class="close" method="post" action="/facilitator/close">'
        f'<input type="hidden" name="token" value="{escape(token)}">'
        "<button type=submit>Close the round and write the results</button></form></div>"
        '<div class="screen"><div class="join">'
        f"{qr_svg}<p>Scan the code, or open</p><p class=address>{escape(join)}</p>"
        "<p class=note>on the same Wi-Fi. Nothing leaves this laptop.</p></div><div>"
        f'<div class="big"><p><b>{_live("joined", text["joined"])}</b>joined</p>'
        f"<p><b>{_live('answered', text['answered'])}</b>have answered</p>"
        f"<p><b>{_live('answers', text['answers'])}</b>answers</p></div>"
        '<h2 class="live">Agreement in the room so far</h2>'
        "<table><tr><th>dimension</th><th>Fleiss' kappa</th><th>Krippen&shy;dorff's alpha</th><th>in words</th></tr>"
        f"{rows}</table><p class=note>{_live('undefined', text['undefined'])}</p>"  # the dash explained while shown
        f'<h2 class="live">Most disputed so far</h2><p class="disputed">{_live("disputed", text["disputed"])}</p>'
        f'<h2 class="live">Answers per {"item" if round.kind == "tagging" else "decision"}</h2>'
        f"<div class=items>{items}</div></div></div>"
    )
    return _page(f"{round.title} (facilitator)", body, _LIVE_SCRIPT, refresh=5, wide=True)


def writing_page(round: Round) -> str:
    """While Close writes the results: a page that looks again every 2 seconds."""
    return (
        _page(
            f"{round.title}: closing",
            f"<h1>{escape(round.title)} The round is closed</h1><p>Writing the results… This page shows them in a "
            "moment.</p>",
            refresh=True,
            wide=True,
        )
        .replace('content="5"', 'content="2"')
        .replace("<noscript>", "")
        .replace("</noscript>", "")
    )


def results_page(round: Round, summary: str, written: Sequence[str], charts: Sequence[tuple[bytes, str]]) -> str:
    """After Close: the summary, the charts (as written to the results folder) and where the files are."""
    figures = "".join(
        f'<figure><img alt="{escape(alt)}" src="data:image/png;base64,{base64.b64encode(png).decode()}"></figure>'
        for png, alt in charts
    )
    files = "".join(f"<li>{escape(w)}</li>" for w in written)
    return _page(
        f"{round.title}: results",
        f"<h1>{escape(round.title)} The round is closed</h1><p>{escape(summary)}</p>{figures}"
        f"<h2>Written on this laptop</h2><ul class=note>{files}</ul>",
        wide=True,
    )
