"""A draft built by hand for the exporter tests: UIN 37301 (Cybercrime), as drafter writes one."""

from __future__ import annotations

from datetime import date

from drafter.draft import CitedSource, Draft, FactUse, Paragraph

QUESTION_TEXT = (
    "To ask the Secretary of State for the Home Department, what assessment her Department has "
    "made of whether there is a correlation between the (a) (i) roles and (ii) ranks of police "
    "personnel and (b) likelihood of committing cybercrimes; and what steps her Department is "
    "taking to help mitigate identified risks."
)

PARAGRAPHS = (
    Paragraph(
        "Auditing the use of police systems is a matter for each force, and forces use their own "
        "IT systems to monitor that access is lawful. His Majesty's Inspectorate of Constabulary "
        "and Fire & Rescue Services (HMICFRS) looks at how forces use those systems as part of "
        "its inspections of police integrity.",
        block="responsibility-forces",
        parts=("1(a)(i)", "1(a)(ii)"),
        facts=("forces.system-auditing",),
    ),
    Paragraph(
        "Officers must meet the statutory Standards of Professional Behaviour, under which they "
        "may access or disclose information only in the proper course of their duties. The "
        "College of Policing's Code of Ethics, published in 2024, adds guidance on accessing "
        "data without authorisation. Force Professional Standards Departments investigate "
        "allegations that systems have been misused, and the most serious are referred to the "
        "Independent Office for Police Conduct.",
        block="standards-and-handling",
        parts=("1(b)",),
        facts=("standards.confidentiality", "code-of-ethics.data-access"),
    ),
    Paragraph(
        "Each year the Home Office publishes the number of finalised allegations against police "
        "officers and staff in the ‘Police misconduct, England and Wales’ statistical bulletin: "
        "<https://www.gov.uk/government/collections/police-misconduct-statistics>. The edition "
        "for the year ending 31 March 2024 breaks allegations down by type, including ‘use of "
        "force systems’, in its open data tables: "
        "<https://www.gov.uk/government/statistics/police-misconduct-open-data-tables>.",
        block="misconduct-statistics",
        parts=("1(b)",),
        facts=("misconduct.allegations-by-type",),
    ),
    Paragraph(
        "The Home Office does not hold information on cybercrime committed by police officers or "
        "staff. The College of Policing's barred list records the reasons for each dismissal, and "
        "a dismissal may have more than one reason. In 2023/24, unlawful access to or disclosure "
        "of information was among the reasons in 66 dismissals of police officers, 5 of special "
        "constables and 37 of police staff. Figures for earlier years are at "
        "<https://www.college.police.uk/article/barred-list>",
        block="barred-list",
        parts=("1(a)(i)", "1(a)(ii)", "1(b)"),
        facts=("barred-list.unlawful-access",),
    ),
    Paragraph(
        "The Government is committed to raising standards in policing and will continue to "
        "pursue those who commit offences under the Computer Misuse Act 1990.",
        block="closing",
        parts=("2",),
    ),
)

FACTS = (
    FactUse("forces.system-auditing", "line", "hmicfrs-integrity", "a1b2c3d4e5f6"),
    FactUse("standards.confidentiality", "line", "conduct-regs-2020", "0f1e2d3c4b5a"),
    FactUse("code-of-ethics.data-access", "line", "cop-code-of-ethics-2024", "9a8b7c6d5e4f"),
    FactUse(
        "misconduct.allegations-by-type",
        "statistic",
        "misconduct-ye-mar-2024",
        "5e6f7a8b9c0d",
        period="year ending 31 March 2024",
        value="allegation types published",
        verified=False,
    ),
    FactUse(
        "barred-list.unlawful-access",
        "statistic",
        "barred-list-2023-24",
        "3c4d5e6f7a8b",
        period="2023/24",
        value="police officers 66; special constables 5; police staff 37",
    ),
)

SOURCES = (
    CitedSource(
        "hmicfrs-integrity",
        "An inspection of vetting, misconduct, and misogyny in the police service",
        "HMICFRS",
        "https://hmicfrs.justiceinspectorates.gov.uk/publications/"
        "an-inspection-of-vetting-misconduct-and-misogyny-in-the-police-service/",
        "2022-11",
    ),
    CitedSource(
        "conduct-regs-2020",
        "The Police (Conduct) Regulations 2020",
        "legislation.gov.uk",
        "https://www.legislation.gov.uk/uksi/2020/4/made",
        "2020-01-06",
    ),
    CitedSource(
        "cop-code-of-ethics-2024",
        "Code of Ethics",
        "College of Policing",
        "https://www.college.police.uk/ethics/code-of-ethics",
        "2024-01",
    ),
    CitedSource(
        "misconduct-ye-mar-2024",
        "Police misconduct, England and Wales: year ending 31 March 2024",
        "Home Office",
        "https://www.gov.uk/government/statistics/"
        "police-misconduct-england-and-wales-year-ending-31-march-2024",
    ),
    CitedSource(
        "barred-list-2023-24",
        "Latest barred list data released",
        "College of Policing",
        "https://www.college.police.uk/article/barred-list",
        "2024-11",
    ),
)

BACKGROUND = (
    "The counts of allegations by type in the open data tables have not been checked against "
    "the published table.",
    "This question was answered together with a question on the misuse of police databases "
    "by officers and staff.",
)


def cybercrime_draft(**changes: object) -> Draft:
    """The hand-built draft for UIN 37301; keyword arguments replace fields."""
    fields: dict[str, object] = {
        "question": {
            "text": QUESTION_TEXT,
            "uin": "37301",
            "asking_member": "Bell Ribeiro-Addy",
            "asking_member_id": 4764,
            "answering_body": "Home Office",
            "heading": "Cybercrime",
            "date_tabled": "2025-03-11",
            "date_for_answer": "2025-03-13",
            "minister": "Dame Diana Johnson",
        },
        "template": "police-systems-misuse",
        "paragraphs": PARAGRAPHS,
        "facts": FACTS,
        "sources": SOURCES,
        "background": BACKGROUND,
        "fact_base_digest": "7d1e5a0c9b3f",
        "drafter_version": "0.1.0",
        "date": date(2025, 3, 12),
    }
    fields.update(changes)
    return Draft(**fields)  # type: ignore[arg-type]
