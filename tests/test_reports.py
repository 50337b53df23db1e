"""The HTML reports a trainer opens: the class matrix and the team quiz report, self-contained and safe to mail."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from grader.reports.html import OUTPUT_LIMIT, render_class_report, render_quiz_report

# ---------------------------------------------------------------- a sample class, in BatchResult.as_json()'s shape

HOSTILE = "<script>alert(1)</script>"
HOSTILE_OUTPUT = 'starting 4 workers\n<img src=x onerror=alert(2)></pre><a href="https://evil.example/">win</a>\ndone'
DOCS = "https://docs.python.org/3/library/multiprocessing.html#multiprocessing-programming"
CLOSE_BEFORE_JOIN = (
    "pool.join() at line 14 was called before pool.close(): join() waits for the workers to exit, which only "
    "happens after close() (or terminate()); without it, join() raises ValueError: Pool is still running."
)
HUNG = (
    "the program hung: the main process was stuck at line 17 (`p.join()`); processes 12, 13 had finished but "
    "could not exit: each was blocked at line 9 (`queue.put(result)`) flushing 1 MB nobody read. A child that put "
    f"data on a queue cannot exit until that data is read (docs: {DOCS}). Read every result first, then join."
)
EXERCISES = ["exercise01", "exercise03", "exercise04", "exercise06"]
TITLES = {"exercise01": "Process basics", "exercise03": "Pool ordering", "exercise04": "Producer and consumers",
          "exercise06": "Pipe ping-pong"}


def check(id: str, title: str, passed: bool = True, start_method: str | None = "spawn", message: str | None = None,
          line: int | None = None, rule: str | None = None) -> dict:
    return {"id": id, "title": title, "passed": passed, "start_method": start_method, "message": message,
            "line": line, "rule": rule}


def result(learner: str, exercise: str, status: str, checks: list[dict] = (), reason: str | None = None,
           output: str = "") -> dict:
    checks = list(checks)
    failing = [c for c in checks if not c["passed"]]
    graded = status in ("passed", "failed")
    return {
        "status": status,
        "score": sum(c["passed"] for c in checks) if graded else 0, "max_score": len(checks) if graded else 0,
        "duration_s": 1.4 if graded else 0.0, "cached": False,
        "file": f"/srv/class/{learner}/{exercise}.py" if status != "missing" else None,
        "reason": reason, "first_failure": failing[0] if failing else None, "checks": checks, "output": output,
    }


def passing(learner: str, exercise: str) -> dict:
    checks = [check(f"{exercise}-{n}", f"Check {n}", start_method=method)
              for n in range(1, 5) for method in ("fork", "spawn")]
    return result(learner, exercise, "passed", checks)


def learner(name: str, results: dict[str, dict], quiz: dict | None = None, layout: str = "workspace") -> dict:
    graded = [r for r in results.values() if r["status"] in ("passed", "failed")]
    return {
        "name": name, "folder": f"/srv/class/{name}", "layout": layout,
        "passed": sum(r["status"] == "passed" for r in graded), "graded": len(graded),
        "score": sum(r["score"] for r in graded), "max_score": sum(r["max_score"] for r in graded),
        "quiz": quiz, "results": results,
    }


def sample_class() -> dict:
    """alice passes everything; bob breaks close-before-join and misses one; carol hangs; a hostile name errors."""
    alice = learner("alice", {e: passing("alice", e) for e in EXERCISES}, quiz={"score": 9, "total": 10})
    bob_pool = [check("exercise03-1", "Results in the order of the items", start_method="fork"),
                check("exercise03-2", "close() before join()", False, "spawn", CLOSE_BEFORE_JOIN, 14,
                      "close-before-join"),
                check("exercise03-3", "close() before join()", False, "fork", CLOSE_BEFORE_JOIN, 14,
                      "close-before-join")]
    bob = learner("bob", {
        "exercise01": passing("bob", "exercise01"),
        "exercise03": result("bob", "exercise03", "failed", bob_pool, output="[1, 4, 9]\n"),
        "exercise04": result("bob", "exercise04", "missing", reason="no exercise04.py in the folder"),
        "exercise06": passing("bob", "exercise06"),
    }, quiz={"score": 5, "total": 10})
    carol_hang = [check("exercise01-1", "Read the queue before joining", False, "fork", HUNG, 17, "drain-before-join"),
                  check("exercise01-2", "Join every process", True, "fork")]
    carol = learner("carol", {
        "exercise01": result("carol", "exercise01", "failed", carol_hang, output="x" * (OUTPUT_LIMIT + 750)),
        "exercise03": passing("carol", "exercise03"),
        "exercise04": passing("carol", "exercise04"),
        "exercise06": passing("carol", "exercise06"),
    })
    hostile = learner(HOSTILE, {
        "exercise01": passing("h", "exercise01"),
        "exercise03": passing("h", "exercise03"),
        "exercise04": passing("h", "exercise04"),
        "exercise06": result("h", "exercise06", "error", output=HOSTILE_OUTPUT,
                             reason="exercise06.py is not valid UTF-8: it could not be read"),
    }, layout="flat")
    return {
        "submissions": "/srv/class", "exercises": EXERCISES, "titles": TITLES,
        "grader_version": "3f2a9c1", "duration_s": 42.7,
        "learners": [alice, bob, carol, hostile],
        "skipped": [{"folder": "/srv/class/notes",
                     "reason": "no exercise files: expected exerciseNN.py files or a prep workspace"}],
        "common_rules": [
            {"rule": "close-before-join", "title": "close() before join()", "topic": "pool", "learners": 2,
             "exercises": ["exercise03", "exercise05"]},
            {"rule": "drain-before-join", "title": "Read the queue before joining", "topic": "queues", "learners": 1,
             "exercises": ["exercise01"]},
            {"rule": "results-in-order", "title": "Results in the order of the items", "topic": None, "learners": 1,
             "exercises": ["exercise03"]},
        ],
    }


def sample_quiz() -> dict:
    """Three participants of one session (seed 7, 10 questions), one with a hostile name, in team_report()'s shape."""
    def participant(name, score, pool, queues, gil, misconceptions):
        return {"name": name, "score": score, "total": 10, "seed": 7, "misconceptions": misconceptions,
                "topics": {"pool": {"answered": 4, "correct": pool}, "queues": {"answered": 3, "correct": queues},
                           "gil": {"answered": 3, "correct": gil}}}
    return {
        "participants": [
            participant("alice", 9, 3, 3, 3, {"pool-join-without-close": 1}),
            participant("bob", 4, 1, 0, 3, {"queue-empty-reliable": 2, "pool-join-without-close": 1}),
            participant(HOSTILE, 6, 2, 1, 3, {"queue-empty-reliable": 1}),
        ],
        "topics": ["gil", "pool", "queues"],
        "misconceptions": ["queue-empty-reliable", "pool-join-without-close"],
        "hardest": [
            {"id": "qu-004", "prompt": "After q.put(x), is q.empty() in another process guaranteed <False>?",
             "topics": ["queues"], "asked": 3, "wrong": 2},
            {"id": "pl-003", "prompt": "What does pool.join() need first?", "topics": ["pool"], "asked": 3,
             "wrong": 2},
        ],
        "seed": 7, "count": 10,
    }


# ---------------------------------------------------------------- a strict little DOM over html.parser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str | None]
    children: list = field(default_factory=list)

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def words(self) -> str:
        """The text with one space between words and between elements: `<b>75%</b><br>3/4` is "75% 3/4"."""
        strings = [c if isinstance(c, str) else c.words() for c in self.children]
        return " ".join(" ".join(strings).split())

    def iter(self):
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter()

    def find_all(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> list[Node]:
        return [n for n in self.iter() if (tag is None or n.tag == tag)
                and (cls is None or cls in (n.attrs.get("class") or "").split())
                and all(n.attrs.get(k.replace("_", "-")) == v for k, v in attrs.items())]

    def find(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> Node:
        found = self.find_all(tag, cls, **attrs)
        assert found, f"no <{tag} class={cls} {attrs}>"
        return found[0]


class _Builder(HTMLParser):
    """Builds the tree and insists every element is closed by its own end tag."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = [Node("#document", {})]

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs))
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(Node(tag, dict(attrs)))

    def handle_endtag(self, tag):
        assert tag not in VOID, f"</{tag}> for a void element"
        assert self.stack[-1].tag == tag, f"</{tag}> closes <{self.stack[-1].tag}> at {self.getpos()}"
        self.stack.pop()

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse(page: str) -> Node:
    builder = _Builder()
    builder.feed(page)
    builder.close()
    assert [n.tag for n in builder.stack] == ["#document"], "unclosed elements at the end of the page"
    return builder.stack[0]


def matrix_row(doc: Node, name: str) -> Node:
    (row,) = [tr for tr in doc.find("table", id="matrix").find("tbody").find_all("tr")
              if tr.find("span", cls="learner-name").text() == name]
    return row


def cell_detail(doc: Node, name: str, exercise: str) -> tuple[Node, Node]:
    """The learner's matrix cell for the exercise, and the element its link opens."""
    column = EXERCISES.index(exercise)
    cell = matrix_row(doc, name).find_all("td", cls="cell-td")[column]
    link = cell.find("a", cls="cell")
    target = link.attrs["href"]
    assert target.startswith("#") and link.attrs["data-detail"] == target[1:]
    return link, doc.find(id=target[1:])


# ---------------------------------------------------------------- the class report

def test_every_learner_and_exercise_appears_in_the_matrix():
    doc = parse(render_class_report(sample_class()))
    header = doc.find("table", id="matrix").find("thead").text()
    for exercise in EXERCISES:
        assert TITLES[exercise] in header and exercise[-2:] in header
    for name in ("alice", "bob", "carol", HOSTILE):
        assert matrix_row(doc, name)
    assert "/srv/class" in doc.find("header").text() and "3f2a9c1" in doc.find("header").text()
    assert "42.7 s" in doc.find("header").text()


def test_cells_show_passed_failed_with_score_missing_and_error():
    doc = parse(render_class_report(sample_class()))
    symbols = [td.text().strip() for td in matrix_row(doc, "bob").find_all("td", cls="cell-td")]
    assert symbols[0].startswith("✓") and symbols[1] == "✗ 1/3" and symbols[2] == "–" and symbols[3].startswith("✓")
    assert matrix_row(doc, HOSTILE).find_all("td", cls="cell-td")[3].text().strip() == "!"
    assert matrix_row(doc, "carol").find_all("td", cls="cell-td")[0].text().strip() == "✗ 1/2hung"


def test_a_failing_cell_opens_its_checks_with_title_start_method_line_and_message():
    doc = parse(render_class_report(sample_class()))
    link, detail = cell_detail(doc, "bob", "exercise03")
    assert "bob" in link.attrs["aria-label"] and "failed" in link.attrs["aria-label"]
    text = " ".join(detail.text().split())
    assert " ".join(CLOSE_BEFORE_JOIN.split()) in text
    assert "close() before join()" in text and "close-before-join" in text
    assert "line 14" in text and "spawn" in text and "fork" in text
    assert "Results in the order of the items" not in text, "passing checks stay out of the way"
    assert "[1, 4, 9]" in detail.find("pre").text()


def test_a_hung_cell_says_where_each_process_was_blocked():
    doc = parse(render_class_report(sample_class()))
    _, detail = cell_detail(doc, "carol", "exercise01")
    message = detail.find("p", cls="message").text()
    assert "the main process was stuck at line 17 (`p.join()`)" in message
    assert "each was blocked at line 9 (`queue.put(result)`)" in message
    assert detail.find("span", cls="hang").text() == "hang"


def test_long_output_is_truncated_with_a_note():
    doc = parse(render_class_report(sample_class()))
    _, detail = cell_detail(doc, "carol", "exercise01")
    assert detail.find("pre").text() == "x" * OUTPUT_LIMIT
    assert "750 more not shown" in detail.text()


def test_missing_and_ungradable_cells_say_why_and_skipped_folders_are_listed():
    doc = parse(render_class_report(sample_class()))
    _, missing = cell_detail(doc, "bob", "exercise04")
    assert "no exercise04.py in the folder" in missing.text()
    _, error = cell_detail(doc, HOSTILE, "exercise06")
    assert "is not valid UTF-8" in error.text()
    skipped = doc.find("section", aria_labelledby="skipped-title").text()
    assert "/srv/class/notes" in skipped and "expected exerciseNN.py files or a prep workspace" in skipped


def test_totals_per_learner_pass_rate_per_exercise_and_the_quiz_column():
    doc = parse(render_class_report(sample_class()))
    totals = [td.text() for td in matrix_row(doc, "bob").find_all("td", cls="totals")]
    assert totals == ["2/4", "17/19", "5/10"]  # passed, score over graded exercises, quiz
    assert matrix_row(doc, "carol").find_all("td", cls="totals")[2].text() == "–"
    rates = [td.words() for td in doc.find("tfoot").find_all("td", cls="center")]
    assert rates == ["75% 3/4", "75% 3/4", "100% 3/3", "100% 3/3"]  # missing and ungradable files are not graded
    no_quiz = sample_class()
    for entry in no_quiz["learners"]:
        entry["quiz"] = None
    assert "Quiz" not in parse(render_class_report(no_quiz)).find("table", id="matrix").find("thead").text()


def test_the_most_common_broken_rules_name_the_quiz_topic_to_drill():
    doc = parse(render_class_report(sample_class()))
    rows = doc.find("table", cls="rules").find("tbody").find_all("tr")
    first = " ".join(rows[0].text().split())
    assert "close() before join()" in first and "close-before-join" in first and "2 of 4" in first
    assert "exercise03 exercise05" in first and "prep quiz --topic pool" in first
    assert "prep quiz --topic queues" in rows[1].text() and "prep quiz" not in rows[2].text()


def test_hostile_names_and_output_are_escaped():
    page = render_class_report(sample_class())
    doc = parse(page)
    assert HOSTILE not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert len(doc.find_all("script")) == 1 and "alert" not in doc.find("script").text()
    assert not doc.find_all("img") and not doc.find_all("a", href="https://evil.example/")
    _, detail = cell_detail(doc, HOSTILE, "exercise06")
    assert detail.find("pre").text() == HOSTILE_OUTPUT
    quiz = render_quiz_report(sample_quiz())
    assert HOSTILE not in quiz and "<False>" not in quiz and not parse(quiz).find_all("script")


EXTERNAL = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)  # any scheme, or protocol-relative
URL_ATTRIBUTES = ("src", "href", "action", "formaction", "srcset", "poster", "data", "background", "xlink:href",
                  "ping", "manifest", "cite")


def assert_self_contained(page: str) -> None:
    doc = parse(page)
    for node in doc.iter():
        for name in URL_ATTRIBUTES:
            value = node.attrs.get(name)
            if value is not None and node.tag == "link" and value == "data:,":
                continue  # the empty favicon that stops a browser asking for /favicon.ico
            assert value is None or not EXTERNAL.match(value), f"<{node.tag} {name}={value!r}>"
        assert "url(" not in (node.attrs.get("style") or "")
    styles = " ".join(style.text() for style in doc.find_all("style"))
    assert "@import" not in styles and "url(" not in styles and "@font-face" not in styles
    scripts = " ".join(script.text() for script in doc.find_all("script"))
    assert not re.search(r"fetch\(|XMLHttpRequest|https?:", scripts)
    policy = doc.find("meta", http_equiv="Content-Security-Policy").attrs["content"]
    assert "default-src 'none'" in policy


def test_the_pages_load_nothing_from_the_network():
    assert_self_contained(render_class_report(sample_class()))
    assert_self_contained(render_quiz_report(sample_quiz()))


def test_documentation_addresses_in_messages_stay_plain_text():
    doc = parse(render_class_report(sample_class()))
    _, detail = cell_detail(doc, "carol", "exercise01")
    assert DOCS in detail.text()
    assert all("docs.python.org" not in (a.attrs.get("href") or "") for a in doc.find_all("a"))


def test_without_javascript_every_problem_cell_links_to_its_details_in_the_page():
    doc = parse(render_class_report(sample_class()))
    links = doc.find("table", id="matrix").find_all("a", cls="cell")
    assert len(links) == 4  # bob's failure and missing file, carol's hang, the ungradable file
    for link in links:
        assert doc.find(id=link.attrs["href"][1:]).tag == "article"


def test_a_class_where_everyone_passed_says_so():
    batch = sample_class()
    batch["learners"] = batch["learners"][:1]
    batch["common_rules"], batch["skipped"] = [], []
    doc = parse(render_class_report(batch))
    assert "Every learner passed every exercise." in doc.text() and "No rule was broken." in doc.text()


# ---------------------------------------------------------------- the team quiz report

def heat_row(doc: Node, table: str, name: str) -> list[str]:
    (row,) = [tr for tr in doc.find("table", cls=table).find_all("tr") if tr.find_all("th")
              and tr.find("th").text() == name]
    return [td.words() for td in row.find_all("td")]


def test_the_quiz_report_shows_every_participant_score():
    doc = parse(render_quiz_report(sample_quiz()))
    scores = {tr.find("th").text(): " ".join(tr.find_all("td")[0].text().split())
              for tr in doc.find("table", cls="scores").find("tbody").find_all("tr")}
    assert scores == {"alice": "9/10", "bob": "4/10", HOSTILE: "6/10"}
    assert "63%" in doc.find("h1").text()  # 19 of 30 answers right
    assert "7" in doc.find("header").text() and "10" in doc.find("header").text()


def test_the_topic_heatmap_shows_each_participants_accuracy_with_the_number():
    doc = parse(render_quiz_report(sample_quiz()))
    header = [th.text() for th in doc.find("table", cls="topics").find("thead").find_all("th")]
    assert header == ["Participant", "gil", "pool", "queues"]
    assert heat_row(doc, "topics", "alice") == ["100% 3/3", "75% 3/4", "100% 3/3"]
    assert heat_row(doc, "topics", "bob") == ["100% 3/3", "25% 1/4", "0% 0/3"]
    assert heat_row(doc, "topics", "Team") == ["100% 9/9", "50% 6/12", "44% 4/9"]
    colours = [span.attrs["class"] for span in doc.find("table", cls="topics").find_all("span", cls="heat-box")]
    assert "heat-box h0" in colours and "heat-box h10" in colours


def test_the_misconception_heatmap_counts_each_tag_per_participant():
    doc = parse(render_quiz_report(sample_quiz()))
    assert heat_row(doc, "misconceptions", "bob") == ["2", "1"]
    assert heat_row(doc, "misconceptions", "alice") == ["·", "1"]
    assert heat_row(doc, "misconceptions", "Team") == ["3", "2"]


def test_the_items_the_team_got_most_wrong_come_first_and_weak_topics_get_a_drill():
    doc = parse(render_quiz_report(sample_quiz()))
    rows = doc.find("table", cls="hardest").find("tbody").find_all("tr")
    assert "qu-004" in rows[0].text() and "2 of 3" in " ".join(rows[0].text().split())
    assert "guaranteed <False>?" in rows[0].text()
    drill = doc.find("section", aria_labelledby="drill-title").text()
    assert drill.index("prep quiz --topic queues") < drill.index("prep quiz --topic pool")
    assert "--topic gil" not in drill
