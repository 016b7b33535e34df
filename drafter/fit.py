"""Whether a topic template forced with --template fits the question it is asked to answer.

Without --template, drafter takes a topic only when it fits (`select.chosen`). A drafter who
names one takes responsibility for it, so the draft goes ahead, but says plainly, in the
background note and on the terminal, when the question is to another department or shares
no word with the template (its title, description and the words its blocks address).
"""

from __future__ import annotations

from drafter.question import Question
from drafter.templates import AnswerTemplate
from drafter.words import question_words, terms

OFF_TOPIC = "Off topic: "
"""How each of these background notes starts, so the command line can repeat them."""


def forced_topic_notes(
    question: Question, topic: AnswerTemplate | None, department: str
) -> list[str]:
    """Background notes on a topic template forced on a question it may not fit.

    `department` is the workspace's (drafter.yaml `department`); empty means not checked.
    """
    if topic is None:
        return []
    named = f"template '{topic.id}', named with --template"
    notes = []
    body = question.answering_body.strip()
    if department and body and body.casefold() != department.strip().casefold():
        notes.append(
            f"the question is to the {body}, but this workspace answers for the {department}"
            f" ({named}). Transfer the question, or check every paragraph."
        )
    asked = {term for _, term in question_words(question.text, question.heading)}
    addresses = [word for block in topic.blocks for word in block.addresses if word != "*"]
    if not asked & set(terms(topic.title, topic.description, *addresses)):
        notes.append(f"the question shares no word with {named}. Check every paragraph.")
    return [OFF_TOPIC + note for note in notes]
