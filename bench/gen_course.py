#!/usr/bin/env python3
"""Generate a synthetic course of N modules for benchmarks.

Each module has ~800 words of varied Markdown (headings, lists, a table, emphasis, links to
other modules, a glossary term and a citation) and embeds one quiz of five questions.
Deterministic: the same N gives the same files.

usage: gen_course.py N OUT_DIR
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


def module_text(i, n, rng):
    other = (i % n) + 1
    parts = [
        f"---\ntitle: Module {i}\nminutes: 20\nsummary: {sentence(rng, 10)}\n"
        f"objectives:\n  - id: m{i}-a\n    text: {sentence(rng, 8)}\n  - id: m{i}-b\n    text: {sentence(rng, 8)}\n---\n",
        paragraph(rng) + f" See [@ref1] and the [[shared identity]].\n",
        "## Background\n",
        paragraph(rng) + "\n",
        "- " + sentence(rng) + "\n- **" + sentence(rng, 6) + "** " + sentence(rng) + "\n- *" + sentence(rng, 8) + "*\n",
        "## In practice\n",
        paragraph(rng, 6) + f" Compare [module {other}]({other:05d}-m{other}.md#background).\n",
        "| Process | Behaviour | Pathway |\n|---|---|---|\n"
        + "".join(f"| {rng.choice(WORDS)} | {sentence(rng, 6)} | {rng.choice(WORDS)} |\n" for _ in range(4)),
        "### Pitfalls\n",
        paragraph(rng, 6) + "\n",
        "> [!TIP]\n> " + sentence(rng) + "\n",
        "## Summary\n",
        paragraph(rng, 6) + "\n",
        "1. " + sentence(rng) + "\n2. " + sentence(rng) + "\n3. " + sentence(rng) + "\n",
        paragraph(rng, 5) + "\n",
        f"{{{{quiz q{i}}}}}\n",
    ]
    return "\n".join(parts)


def quiz_text(i, rng):
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
    return "\n".join(lines) + "\n"


def main():
    n, out = int(sys.argv[1]), sys.argv[2]
    rng = random.Random(42)
    os.makedirs(os.path.join(out, "content"), exist_ok=True)
    os.makedirs(os.path.join(out, "quizzes"), exist_ok=True)
    with open(os.path.join(out, "course.yaml"), "w") as f:
        f.write(f"id: bench-{n}\ntitle: Benchmark course of {n} modules\n")
    with open(os.path.join(out, "glossary.yaml"), "w") as f:
        f.write("- term: Shared identity\n  definition: A sense of us.\n")
    with open(os.path.join(out, "references.yaml"), "w") as f:
        f.write("- id: ref1\n  cite: Author, 2020\n  apa: \"Author, A. (2020). *Title*. Publisher.\"\n")
    for i in range(1, n + 1):
        with open(os.path.join(out, "content", f"{i:05d}-m{i}.md"), "w") as f:
            f.write(module_text(i, n, rng))
        with open(os.path.join(out, "quizzes", f"q{i}.yaml"), "w") as f:
            f.write(quiz_text(i, rng))


if __name__ == "__main__":
    main()
