"""What a question part asks for: its intent, read from the words that open it.

The set is small on purpose, one intent for each kind of reply a PQ answer gives:

| intent | a part that asks ... | e.g. |
| --- | --- | --- |
| figures | for numbers | how many, what number, what proportion, what data |
| assessment | what the Department has assessed | what assessment, what evaluation, what estimate |
| steps | what is being done | what steps, what plans, what action, what measures |
| whether | about policy, law or a requirement | whether, if, what the policy is, what rules |
| guidance | for guidance or advice | what guidance |
| who | who is responsible | who, which body |
| when | for a date or timetable | when, by what date, what timetable |
| cost | about money | how much, what cost, what funding |

"Whether she has assessed ..." asks for an assessment, and "if she will take steps ..." for
steps, not a policy. A part's own words
decide when they carry a cue ("and (b) how many ..."); otherwise the
words its clause opens with ("what assessment ... of (a) roles and (b) ranks"). A part with
no cue at all asks `whether`: a question of policy or fact.
"""

from __future__ import annotations

import re

INTENTS = ("figures", "assessment", "steps", "whether", "guidance", "who", "when", "cost")
DEFAULT_INTENT = "whether"

_CUES: tuple[tuple[str, str], ...] = (
    ("cost", r"how much|what (?:the )?(?:estimated )?(?:costs?|budget|funding|spend|expenditure)"),
    (
        "figures",
        r"how many|how often|what (?:the )?(?:number|proportion|percentage|rate|level)s?\b"
        r"|what (?:data|statistics|figures)|(?:the )?number of|statistics on|data on",
    ),
    (
        "assessment",
        r"what (?:recent )?(?:assessment|evaluation|analysis|estimate|research|review)"
        r"|(?:made|carried out|conducted) an? (?:assessment|evaluation)"
        r"|^(?:whether|if)\b(?:\s+\S+){0,4}?\s+(?:assessed|evaluated|(?:made|make) an assessment)",
    ),
    (
        "steps",
        r"what (?:further |additional |recent )?(?:steps|action|actions|measures|plans|progress"
        r"|support|work|discussions|representations|changes)"
        r"|what (?:she|he|they|the government|her department|his department) (?:is|are) doing"
        r"|what is being done|(?:plans|intends|intention) to|what mechanisms"
        r"|^(?:whether|if)\b(?:\s+\S+){0,4}?\s+(?:take|taking|takes) (?:steps|action|measures)",
    ),
    ("guidance", r"what (?:guidance|advice)|guidance"),
    ("who", r"\bwho\b|which (?:body|bodies|organisation|agency|department|minister)"),
    ("when", r"\bwhen\b|by what date|what (?:the )?(?:timetable|timescale|date)"),
    (
        "whether",
        r"\bwhether\b|^if\b|what (?:the )?(?:policy|requirements?|rules?|criteria|legal)",
    ),
)
_COMPILED = tuple((intent, re.compile(pattern, re.IGNORECASE)) for intent, pattern in _CUES)


def intent_of(text: str, stem: str = "") -> str:
    """The intent of a part: the earliest cue in its own words, else in its stem."""
    return _earliest_cue(text) or _earliest_cue(stem) or DEFAULT_INTENT


def _earliest_cue(text: str) -> str:
    """The intent whose cue starts first in the text (ties: the order of `_CUES`)."""
    found = [
        (match.start(), rank, intent)
        for rank, (intent, pattern) in enumerate(_COMPILED)
        if (match := pattern.search(text))
    ]
    return min(found)[2] if found else ""
