#!/usr/bin/env python3
"""Generate a synthetic course of N modules for benchmarks.

Each module has ~800 words of varied Markdown (headings, lists, a table, emphasis, links to
other modules, glossary terms and citations) and embeds one quiz of five choice questions, one
branching scenario and one reflection. Every option and choice has a `see:` link (to a heading
of another module, a module page or a glossary term) unless `--no-see` is given, so the two
variants measure what `see:` costs. Every tenth module has a vignette with prompts and a linked
scenario. Deterministic: the same N gives the same files.

usage: gen_course.py [--no-see] N OUT_DIR
"""
import os
import random
import sys

WORDS = (
    "group members facilitator identity shared norms session therapy alliance attendance "
    "engagement recovery leadership prototypical advancement entrepreneurship impresarioship "
    "cohesion belonging meaning purpose support change practice reflection feedback evidence "
    "clinical setting outcome pathway process behaviour language structure ritual welcome"
).split()


def sentence(rng, n=14):
    words = [rng.choice(WORDS) for _ in range(n)]
    words[0] = words[0].capitalize()
    return " ".join(words) + "."


def paragraph(rng, sentences=5):
    return " ".join(sentence(rng, rng.randint(10, 18)) for _ in range(sentences))


TERMS = 40
REFERENCES = 40
HEADINGS = ("background", "in-practice", "pitfalls", "summary")


def see_target(i, n, k):
    """A `see:` value: a heading of another module, a module, or a glossary term."""
    other = (i + k) % n + 1
    kind = k % 3
    if kind == 0:
        return f"m{other}#{HEADINGS[k % len(HEADINGS)]}"
    if kind == 1:
        return f"m{other}"
    return f"glossary:term-{k % TERMS}"


def module_text(i, n, rng):
    other = (i % n) + 1
    parts = [
        f"---\ntitle: Module {i}\nminutes: 20\nsummary: {sentence(rng, 10)}\n"
        f"objectives:\n  - id: m{i}-a\n    text: {sentence(rng, 8)}\n  - id: m{i}-b\n    text: {sentence(rng, 8)}\n---\n",
        paragraph(rng) + f" See [@ref{i % REFERENCES}] and the [[term {i % TERMS}]].\n",
        "## Background\n",
        paragraph(rng) + "\n",
        "- " + sentence(rng) + "\n- **" + sentence(rng, 6) + "** " + sentence(rng) + "\n- *" + sentence(rng, 8) + "*\n",
        "## In practice\n",
        paragraph(rng, 6) + f" Compare [module {other}]({other:05d}-m{other}.md#background).\n",
        "| Process | Behaviour | Pathway |\n|---|---|---|\n"
        + "".join(f"| {rng.choice(WORDS)} | {sentence(rng, 6)} | {rng.choice(WORDS)} |\n" for _ in range(4)),
        "### Pitfalls\n",
        paragraph(rng, 6) + f" The [[term {(i + 7) % TERMS}]] matters here [@ref{(i + 3) % REFERENCES}].\n",
        "> [!TIP]\n> " + sentence(rng) + "\n",
        "## Summary\n",
        paragraph(rng, 6) + "\n",
        "1. " + sentence(rng) + "\n2. " + sentence(rng) + "\n3. " + sentence(rng) + "\n",
        paragraph(rng, 5) + "\n",
        f"{{{{quiz q{i}}}}}\n",
    ]
    if i % 10 == 0:
        parts.append(f"{{{{vignette v{i}}}}}\n")
    return "\n".join(parts)


def vignette_text(i, rng):
    return (
        f"---\ntitle: Vignette {i}\nsetting: {sentence(rng, 8)}\nprocesses: [prototypicality, advancement]\n"
        f"module: m{i}\nscenario: q{i}/s\nprompts:\n"
        f"  - id: p1\n    text: {sentence(rng, 10)}\n  - id: p2\n    text: {sentence(rng, 10)}\n---\n"
        + paragraph(rng, 6) + f" The [[term {i % TERMS}]] again.\n\n" + paragraph(rng, 5) + "\n"
    )


def scenario_lines(i, n, rng, see):
    lines = ["  - id: s", "    kind: scenario", f"    title: Scenario {i}", f"    objectives: [m{i}-a]", f"    text: {sentence(rng, 12)}", "    nodes:"]
    for node, nexts in (("start", ("good", "bad")), ("good", ("end-good", "end-mixed")), ("bad", ("good", "end-bad"))):
        lines += [f"      - id: {node}", f"        text: {sentence(rng, 12)}", "        choices:"]
        for k, nxt in enumerate(nexts):
            lines += [f"          - text: {sentence(rng, 6)}", f"            rating: {('best', 'poor')[k]}",
                      f"            feedback: {sentence(rng, 10)}", f"            next: {nxt}"]
            if see:
                lines.append(f"            see: \"{see_target(i, n, k + len(node))}\"")
    for node, outcome in (("end-good", "positive"), ("end-mixed", "mixed"), ("end-bad", "negative")):
        lines += [f"      - id: {node}", f"        ending: {{outcome: {outcome}, title: {rng.choice(WORDS).capitalize()}, debrief: {sentence(rng, 10)}}}"]
    lines += ["  - id: r", "    kind: reflection", f"    text: {sentence(rng, 12)}"]
    return lines


def quiz_text(i, n, rng, see):
    lines = [f"title: Quiz {i}", "questions:"]
    for q in range(5):
        objective = f"m{i}-a" if q % 2 == 0 else f"m{i}-b"
        lines += [
            f"  - id: q{q}",
            "    kind: single",
            f"    objectives: [{objective}]",
            f"    text: {sentence(rng, 12)}",
            f"    explanation: {sentence(rng, 12)}",
            "    options:",
        ]
        for o in range(4):
            lines += [f"      - text: {sentence(rng, 6)}", f"        feedback: {sentence(rng, 10)}"]
            if o == 0:
                lines.append("        correct: true")
            if see:
                lines.append(f"        see: \"{see_target(i, n, q * 4 + o)}\"")
    lines += scenario_lines(i, n, rng, see)
    return "\n".join(lines) + "\n"


def main():
    args = sys.argv[1:]
    see = "--no-see" not in args
    args = [a for a in args if a != "--no-see"]
    n, out = int(args[0]), args[1]
    rng = random.Random(42)
    os.makedirs(os.path.join(out, "content"), exist_ok=True)
    os.makedirs(os.path.join(out, "quizzes"), exist_ok=True)
    os.makedirs(os.path.join(out, "content", "vignettes"), exist_ok=True)
    with open(os.path.join(out, "course.yaml"), "w") as f:
        f.write(f"id: bench-{n}\ntitle: Benchmark course of {n} modules\n")
    with open(os.path.join(out, "glossary.yaml"), "w") as f:
        for t in range(TERMS):
            f.write(f"- term: Term {t}\n  id: term-{t}\n  definition: {sentence(rng, 10)}\n")
    with open(os.path.join(out, "references.yaml"), "w") as f:
        for r in range(REFERENCES):
            f.write(f"- id: ref{r}\n  cite: Author{r}, 2020\n  apa: \"Author{r}, A. (2020). *Title {r}*. Publisher.\"\n")
    for i in range(1, n + 1):
        with open(os.path.join(out, "content", f"{i:05d}-m{i}.md"), "w") as f:
            f.write(module_text(i, n, rng))
        with open(os.path.join(out, "quizzes", f"q{i}.yaml"), "w") as f:
            f.write(quiz_text(i, n, rng, see))
        if i % 10 == 0:
            with open(os.path.join(out, "content", "vignettes", f"v{i}.md"), "w") as f:
                f.write(vignette_text(i, rng))


if __name__ == "__main__":
    main()
