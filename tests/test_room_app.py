"""Issue 19: the room's web application through the ASGI test client: phones join and answer, the facilitator
sees live agreement and closes; and every security rule, one test each."""

import re
import time
import zlib
from html.parser import HTMLParser

import pandas as pd
import pytest
from room_fixtures import as_facilitator, client, exercise, join, room

from rolekit.room.app import HEADERS


@pytest.fixture
def ready(tmp_path):
    r = room(tmp_path / "ex" / "room", exercise(tmp_path / "ex"))
    with client(r) as c:
        yield r, c


def _fields(html: str) -> dict[str, list[str]]:
    """The answer fields of a page: name -> the values its buttons send."""
    out: dict[str, list[str]] = {}
    for name, value in re.findall(r'type="radio" id="[^"]+" name="([^"]+)" value="([^"]*)"', html):
        out.setdefault(name, []).append(value)
    return out


# -- A phone joins, answers, reloads -------------------------------------------------------------


def test_a_phone_joins_answers_and_finds_its_answers_after_a_reload(ready):
    r, c = ready
    page = c.get(f"/j/{r.store.join_code}")
    assert page.status_code == 200 and 'name="name"' in page.text and "Q01" not in page.text
    path = join(c, r, "Ana")
    fields = _fields(c.get(path).text)
    key = r.round.key.set_index("item")
    assert list(fields)[:3] == ["Q01-role", "Q01-scope", "Q01-horizon"] and len(fields) == 48
    assert fields["Q03-scope"] == ["internal", "external"] and fields["Q01-horizon"] == ["daily", "long-term"]
    assert set(fields["Q01-role"]) == set(key["role"])  # the values as the key writes them
    answer = c.post(path, data={"Q03-scope": key.loc["Q03", "scope"], "Q03-role": "CEO"}, follow_redirects=False)
    assert answer.status_code == 303
    again = c.get(path).text
    assert f'name="Q03-scope" value="{key.loc["Q03", "scope"]}" checked' in again
    assert "Saved: 0 of 16 answered (1 in part)." in again and "You are Ana." in again


def test_the_pages_script_saves_one_field_and_says_what_is_saved(ready):
    r, c = ready
    path = join(c, r)
    said = c.post(path, data={"Q01-role": "COO"}, headers={"accept": "application/json"})
    assert said.status_code == 200 and said.json() == {"message": "Saved: 0 of 16 answered (1 in part)."}
    said = c.post(
        path,
        data={"Q01-role": "CEO", "Q01-scope": "internal", "Q01-horizon": "daily"},
        headers={"accept": "application/json"},
    )
    assert said.json()["message"] == "Saved: 1 of 16 answered."
    assert r.store.answers_of(1) == {"Q01-role": "CEO", "Q01-scope": "internal", "Q01-horizon": "daily"}


def test_one_answer_per_item_and_the_last_counts(ready):
    r, c = ready
    path = join(c, r)
    for value in ("CEO", "COO", "CEO", "COO"):
        c.post(path, data={"Q02-role": value})
    c.post(
        path,
        content=b"Q05-scope=internal&Q05-scope=external",
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    _, answers = r.store.table()
    assert len(answers) == 2 and dict(zip(answers["field"], answers["value"])) == {
        "Q02-role": "COO",
        "Q05-scope": "external",
    }


def test_a_nameless_phone_is_a_code_and_names_are_one_per_room(tmp_path):
    r = room(tmp_path / "ex" / "room", exercise(tmp_path / "ex"))
    with client(r) as a, client(r) as b, client(r) as c:
        join(a, r)
        assert "You are P1." in a.get(f"/j/{r.store.join_code}").text
        join(b, r, "Ana")
        taken = c.post(f"/j/{r.store.join_code}/join", data={"name": " ana "})
        assert taken.status_code == 400 and "has that name already" in taken.text
        code_like = c.post(f"/j/{r.store.join_code}/join", data={"name": "P7"})
        assert code_like.status_code == 400 and "Choose another name" in code_like.text


def test_a_participant_who_lost_their_phone_rejoins_with_their_name_and_rejoin_code(tmp_path):
    """A cookie lost (another browser, a private tab, a new phone): the name and the code on the first page give
    the place back, answers and all; a wrong code does not, nor ten guesses; the first phone is told where to go."""
    r = room(tmp_path / "ex" / "room", exercise(tmp_path / "ex"))
    with client(r) as first, client(r) as second, client(r) as stranger:
        path = join(first, r, "Ana")
        first.post(path, data={"Q01-role": "CEO"})
        page = first.get(path).text
        [code] = re.findall(r"Your rejoin code is <b>(\d{3})\xa0(\d{3})</b>", page)
        code = "".join(code)
        taken = second.post(f"{path}/join", data={"name": "ana"})
        assert taken.status_code == 400 and "type the rejoin code your first page shows" in taken.text
        assert 'name="code"' in taken.text and 'value="ana"' in taken.text
        wrong = f"{(int(code) + 1) % 10**6:06d}"
        refused = second.post(f"{path}/join", data={"name": "Ana", "code": wrong})
        assert refused.status_code == 400 and "not the rejoin code of that name" in refused.text
        back = second.post(
            f"{path}/join", data={"name": " ANA ", "code": f"{code[:3]} {code[3:]}"}, follow_redirects=False
        )
        assert back.status_code == 303
        again = second.get(path).text
        assert "You are Ana." in again and 'name="Q01-role" value="CEO" checked' in again
        assert r.store.participants() == 1  # the same participant, not a second one
        moved = first.post(path, data={"Q02-role": "COO"}, headers={"accept": "application/json"})
        assert (
            moved.status_code == 403 and "if you rejoined on another phone, carry on there" in moved.json()["message"]
        )
        assert "Your rejoin code is" in again and code not in again  # a new phone, a new code
        for _ in range(10):
            stranger.post(f"{path}/join", data={"name": "Ana", "code": wrong})
        [new_code] = re.findall(r"Your rejoin code is <b>(\d{3})\xa0(\d{3})</b>", again)
        locked = stranger.post(f"{path}/join", data={"name": "Ana", "code": "".join(new_code)})
        assert locked.status_code == 400 and "10 wrong rejoin codes in a row: wait a minute" in locked.text
        tries, last = r.wrong_codes["ana"]
        r.wrong_codes["ana"] = (tries, last - 61)  # a minute later: the name is Ana's again, not locked for good
        owner = stranger.post(f"{path}/join", data={"name": "Ana", "code": "".join(new_code)}, follow_redirects=False)
        assert owner.status_code == 303 and "ana" not in r.wrong_codes


def test_a_nameless_participant_or_a_closed_round_shows_no_rejoin_code(tmp_path):
    r = room(tmp_path / "ex" / "room", exercise(tmp_path / "ex"))
    with client(r) as nameless, client(r) as named:
        assert "rejoin code" not in nameless.get(join(nameless, r)).text  # no name to rejoin with
        path = join(named, r, "Ben")
        renamed = nameless.post(f"{path}/join", data={"name": "Ben"})  # joined already: no code offered
        assert renamed.status_code == 400 and 'name="code"' not in renamed.text
        r.store.close_round()
        assert "rejoin code" not in named.get(path).text


@pytest.mark.slow
def test_the_facilitator_sees_the_count_live_agreement_and_the_most_disputed_item(ready):
    r, c = ready
    key = r.round.key.set_index("item")
    from starlette.testclient import TestClient

    phones = []
    for k in range(3):
        phone = TestClient(c.app)
        path = join(phone, r)
        for item in key.index:
            role = (
                key.loc[item, "role"] if not (item == "Q07" and k) else ({"CEO", "COO"} - {key.loc[item, "role"]}).pop()
            )
            said = phone.post(
                path,
                data={f"{item}-role": role, f"{item}-scope": key.loc[item, "scope"]},
                headers={"accept": "application/json"},
            )
            assert said.status_code == 200
        phones.append(phone)
    as_facilitator(c, r)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and c.get("/facilitator/live").json()["text"]["answers"] != "96":
        time.sleep(0.2)
    text = c.get("/facilitator/live").json()["text"]
    assert text["joined"] == "3" and text["answered"] == "3" and text["answers"] == "96"
    assert text["scope-kappa"] == "1.00" and text["horizon-kappa"] == "—"
    assert text["undefined"].startswith("— : not defined yet")  # the dash is explained while one shows
    assert text["disputed"].startswith(f"Q07 · {key.loc['Q07', 'responsibility']} (role: 67% gave")
    assert text["item-Q01"] == "3"
    page = c.get("/facilitator").text
    assert 'data-live="joined">3<' in page and "Close the round" in page and r.settings.join_url in page


@pytest.mark.slow
def test_live_agreement_is_what_rolekit_score_computes(ready, tmp_path):
    import rolekit

    r, c = ready
    key = r.round.key.set_index("item")
    from starlette.testclient import TestClient

    for k in range(4):
        phone = TestClient(c.app)
        path = join(phone, r, f"person {k}")
        phone.post(
            path,
            data={
                f"{i}-{d}": key.loc[i, d]
                if zlib.crc32(f"{i} {d} {k}".encode()) % 4  # the same answers in every run (hash() is salted)
                else {
                    "CEO": "COO",
                    "COO": "CEO",
                    "internal": "external",
                    "external": "internal",
                    "daily": "long-term",
                    "long-term": "daily",
                }[key.loc[i, d]]
                for i in key.index
                for d in ("role", "scope", "horizon")
            },
        )
    join(TestClient(c.app), r, "Eve")  # joins, then answers nothing
    live = r.live.compute()
    token = as_facilitator(c, r)
    closed = c.post("/facilitator/close", data={"token": token}).text
    assert "1 participant joined but answered nothing, so they are not counted." in closed
    scores = rolekit.score_sheets(r.out / "responses.csv")
    for row in scores.agreement.itertuples():
        assert live["text"][f"{row.dimension}-kappa"] == f"{row.fleiss_kappa:.2f}"
        assert live["text"][f"{row.dimension}-alpha"] == f"{row.krippendorff_alpha:.2f}"
    assert live["text"]["disputed"].startswith(rolekit.disputed(scores, 1)["item"].iloc[0])
    assert live["text"]["undefined"] == ""  # every statistic defined: the note on the dash is not shown


# -- Security: one test per rule ---------------------------------------------------------------


def test_a_wrong_code_or_any_other_path_is_404_and_says_nothing(ready):
    r, c = ready
    code = r.store.join_code
    wrong = [
        f"/j/{code[:-1]}x",
        f"/j/{code}x",
        "/j/",
        "/",
        "/facilitator",
        "/facilitator/live",
        f"/f/{code}",
        "/room.sqlite",
        "/key/answer_key.csv",
        "/answer_key.csv",
        "/responses.csv",
        "/.rolekit-manifest.json",
        f"/j/{code}/../room.sqlite",
        "/static/x.js",
    ]
    first = c.get(wrong[0])
    for path in wrong:
        got = c.get(path)
        assert got.status_code == 404 and got.text == first.text, path
    assert c.put(f"/j/{code}").status_code == 404 and c.delete("/facilitator").status_code == 404
    assert c.post(f"/j/{code[:-1]}x/join", data={"name": "x"}).status_code == 404
    assert r.store.participants() == 0


def test_the_key_the_sqlite_file_and_the_results_are_never_served(ready):
    r, c = ready
    path = join(c, r)
    pages = [c.get(path).text, c.get(f"/j/{r.store.join_code}").text]
    as_facilitator(c, r)
    pages += [c.get("/facilitator").text, c.get("/facilitator/live").text]
    key = r.round.key
    for page in pages:
        assert "answer_key" not in page and "room.sqlite" not in page
        assert "R0" not in "".join(re.findall(r">([^<]*)<", page)) or "id" not in key  # the key's ids stay home
    # the answers page offers every role for every item: nothing on it tells which is the key's
    fields = _fields(pages[0])
    assert all(set(fields[f"{i}-role"]) == set(key["role"]) for i in key["item"])


def test_no_secret_no_facilitator_page(ready):
    r, c = ready
    assert c.get("/facilitator").status_code == 404
    assert c.get(f"/f/{r.store.facilitator_secret[:-2]}").status_code == 404
    c.cookies.set("rolekit_facilitator", "guess")
    assert c.get("/facilitator").status_code == 404 and c.get("/facilitator/live").status_code == 404
    assert c.post("/facilitator/close", data={"token": "x"}).status_code == 404
    assert not r.store.closed


def test_the_secret_leaves_the_address_bar_and_close_needs_the_pages_token(ready):
    r, c = ready
    as_facilitator(c, r)
    assert c.post("/facilitator/close", data={"token": "0" * 64}).status_code == 403 and not r.store.closed
    assert r.store.facilitator_secret not in c.get("/facilitator").text


def test_secrets_are_compared_in_constant_time():
    import inspect

    from rolekit.room import app

    source = inspect.getsource(app)
    assert "hmac.compare_digest" in source and "== code" not in source and "== room.store" not in source


def test_codes_are_unguessable(tmp_path):
    from rolekit.room import Store

    stores = [Store(tmp_path / str(k), "r") for k in range(3)]
    codes = [s.join_code for s in stores] + [s.facilitator_secret for s in stores]
    assert len(set(codes)) == 6
    assert all(len(c) >= 22 and re.fullmatch(r"[A-Za-z0-9_-]+", c) for c in codes)  # >= 128 bits, url-safe
    assert stores[0].join_code != stores[0].facilitator_secret


def test_an_oversize_body_is_refused_before_anything_reads_it(ready):
    r, c = ready
    path = join(c, r)
    big = c.post(
        path, content=b"Q01-role=CEO&" + b"x" * 20_000, headers={"content-type": "application/x-www-form-urlencoded"}
    )
    assert big.status_code == 413 and "at most" in big.text

    def chunks():
        yield b"Q01-role=CEO&"
        for _ in range(100):
            yield b"y" * 1000

    chunked = c.post(path, content=chunks(), headers={"content-type": "application/x-www-form-urlencoded"})
    assert chunked.status_code == 413
    assert r.store.answers_of(1) == {}


@pytest.mark.slow
@pytest.mark.parametrize(
    "data",
    [
        {"Q99-role": "CEO"},
        {"Q01-colour": "red"},
        {"Q01-role": "Janitor"},
        {"Q01-scope": "inside"},
        {"Q01-scope": "Internal"},
        {"Q01-role": ""},
        {"name": "x", "Q01-role": "CEO"},
    ],
    ids=["unknown item", "unknown dimension", "unknown role", "unknown value", "other case", "blank", "extra field"],
)
def test_only_the_rounds_items_and_allowed_values_are_stored(ready, data):
    r, c = ready
    path = join(c, r)
    said = c.post(path, data={"Q02-scope": "internal", **data})
    assert said.status_code == 400 and "nothing was saved" in said.text
    assert r.store.answers_of(1) == {}


HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(2)>\"'&"


def test_a_name_holding_html_and_script_is_shown_escaped_everywhere(ready):
    r, c = ready
    name = HOSTILE[:40]
    path = join(c, r, name)
    page = c.get(path).text
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    c.post(path, data={"Q01-role": "CEO"})
    as_facilitator(c, r)
    assert "alert" not in c.get("/facilitator").text and "alert" not in c.get("/facilitator/live").text


def test_names_are_bounded(ready):
    r, c = ready
    long = c.post(f"/j/{r.store.join_code}/join", data={"name": "x" * 41})
    assert long.status_code == 400 and "at most 40 characters" in long.text
    odd = c.post(f"/j/{r.store.join_code}/join", data={"name": "Ana\u202eevil"})
    assert odd.status_code == 400 and r.store.participants() == 0
    ordinary = c.post(
        f"/j/{r.store.join_code}/join", data={"name": "Zoë\u00a0Martin 👨\u200d💼"}, follow_redirects=False
    )
    assert ordinary.status_code == 303


@pytest.mark.slow
def test_names_never_reach_the_facilitators_page(ready):
    r, c = ready
    from starlette.testclient import TestClient

    for name in ("Annabelle Quist", "Bartholomew Ng"):
        phone = TestClient(c.app)
        phone.post(join(phone, r, name), data={"Q01-role": "CEO"})
    as_facilitator(c, r)
    time.sleep(1.2)
    for page in (c.get("/facilitator").text, c.get("/facilitator/live").text):
        assert "Annabelle" not in page and "Bartholomew" not in page


def test_participants_per_round_are_bounded(tmp_path):
    r = room(tmp_path / "ex" / "room", exercise(tmp_path / "ex"), max_participants=2)
    from starlette.testclient import TestClient

    with client(r) as c:
        for _ in range(2):
            join(TestClient(c.app), r)
        full = TestClient(c.app).post(f"/j/{r.store.join_code}/join", data={"name": ""})
        assert full.status_code == 403 and "takes 2 participants" in full.text and r.store.participants() == 2


@pytest.mark.slow
def test_requests_per_phone_are_limited_and_a_whole_room_behind_one_address_is_not(tmp_path):
    r = room(tmp_path / "ex" / "room", exercise(tmp_path / "ex"), per_phone=(1.0, 5), max_participants=30)
    from starlette.testclient import TestClient

    with client(r) as c:
        path = join(c, r)
        codes = [c.post(path, data={"Q01-role": "CEO"}, follow_redirects=False).status_code for _ in range(8)]
        assert codes[:4] == [303] * 4 and 429 in codes
        others = [TestClient(c.app) for _ in range(25)]  # the same address (the test client's), 25 phones
        for phone in others:
            assert phone.post(f"{path}/join", data={"name": ""}, follow_redirects=False).status_code == 303
            assert phone.post(path, data={"Q02-role": "CEO"}, follow_redirects=False).status_code == 303


@pytest.mark.slow
def test_after_close_answers_are_refused_with_a_clear_page(ready):
    r, c = ready
    path = join(c, r)
    c.post(path, data={"Q01-role": "CEO"})
    token = as_facilitator(c, r)
    done = c.post("/facilitator/close", data={"token": token})
    assert done.status_code == 200 and "The round is closed" in done.text
    late = c.post(path, data={"Q01-role": "COO"})
    assert late.status_code == 409 and "can no longer be given or changed" in late.text
    assert c.post(path, data={"Q01-role": "COO"}, headers={"accept": "application/json"}).status_code == 409
    assert r.store.answers_of(1) == {"Q01-role": "CEO"}
    page = c.get(path).text
    assert "The round is closed: these are your answers as saved." in page and "<fieldset disabled>" in page
    from starlette.testclient import TestClient

    newcomer = TestClient(c.app)
    assert newcomer.post(f"{path}/join", data={"name": "late"}).status_code == 409


def test_a_host_header_that_is_not_the_servers_own_is_refused(ready):
    r, c = ready
    for host in ("evil.example", "testserver.evil.example", "127.0.0.1", ""):
        got = c.get(f"/j/{r.store.join_code}", headers={"host": host})
        assert got.status_code == 400 and "its own address" in got.text, host


def test_a_form_posted_from_another_site_is_refused(ready):
    r, c = ready
    path = join(c, r)
    got = c.post(path, data={"Q01-role": "CEO"}, headers={"origin": "http://evil.example"})
    assert got.status_code == 403 and r.store.answers_of(1) == {}
    assert c.post(path, data={"Q01-role": "CEO"}, headers={"origin": "http://testserver"}).status_code == 200


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


def test_every_response_carries_the_policy_and_pages_load_nothing_from_elsewhere(ready):
    r, c = ready
    path = join(c, r)
    responses = [
        c.get(path),
        c.get("/nothing"),
        c.post(path, content=b"x" * 99_999),
        c.get(path, headers={"host": "x"}),
    ]
    as_facilitator(c, r)
    responses += [c.get("/facilitator"), c.get("/facilitator/live")]
    for got in responses:
        for header, value in HEADERS.items():
            assert got.headers[header] == value
    policy = HEADERS["content-security-policy"]
    assert "default-src 'none'" in policy and "http" not in policy and "'unsafe-inline'" not in policy
    for got in responses:
        tags = _Tags()
        tags.feed(got.text)
        for tag, attrs in tags.found:
            assert not {"src", "href"} & set(attrs) or (tag == "img" and attrs["src"].startswith("data:")), (tag, attrs)
            assert not any(a.startswith("on") for a in attrs), (tag, attrs)  # no inline handlers: the policy forbids


def test_the_phone_cookie_is_opaque_http_only_and_scoped_to_the_round(ready):
    r, c = ready
    got = c.post(f"/j/{r.store.join_code}/join", data={"name": "Ana"}, follow_redirects=False)
    cookie = got.headers["set-cookie"]
    token = re.match(r"rolekit=([^;]+)", cookie)[1]
    assert len(token) >= 40 and "Ana" not in cookie and "HttpOnly" in cookie and "SameSite=lax" in cookie
    assert f"Path=/j/{r.store.join_code}" in cookie
    stored = pd.read_sql_query("SELECT token FROM participants", r.store.db)["token"].tolist()
    assert token not in stored  # only its hash is kept


def test_the_participant_page_is_made_for_a_phone(ready):
    r, c = ready
    page = c.get(join(c, r)).text
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    assert "min-height:48px" in page and "font:18px" in page  # tap targets of 48 px, text of 18 px
    assert re.search(r'<form id="answers" method="post" action="/j/[^"]+">', page)  # a plain form: no script needed
    assert "<button type=submit>Save</button>" in page


def test_scores_call_a_nameless_participant_by_the_code_their_phone_showed(ready):
    r, c = ready
    from starlette.testclient import TestClient

    phones = [TestClient(c.app) for _ in range(4)]
    names = ["", "", "Ana", ""]  # P1 answers nothing; P2 and P4 give no name
    paths = [join(p, r, name) for p, name in zip(phones, names)]  # every phone joins, in this order
    path = paths[0]
    shown = [re.search(r"You are (P\d+)", p.get(path).text) for p, n in zip(phones, names) if not n]
    assert [m[1] for m in shown] == ["P1", "P2", "P4"]
    for phone in phones[1:]:
        assert phone.post(path, data={"Q01-role": "CEO", "Q01-scope": "internal"}).status_code == 200
    token = as_facilitator(c, r)
    assert c.post("/facilitator/close", data={"token": token}).status_code == 200
    scores = pd.read_csv(r.out / "scores.csv", dtype=str)
    assert dict(zip(scores["name"], scores["participant"])) == {"P2": "P2", "Ana": "P1", "P4": "P4"}


def test_a_name_is_as_long_as_a_phone_shows_it():
    from rolekit.room.app import name_problem

    assert name_problem("👨\u200d👩\u200d👧\u200d👦" * 6) is None  # six characters on a phone, 42 code points
    assert "this one has 41" in name_problem("W" * 41)
