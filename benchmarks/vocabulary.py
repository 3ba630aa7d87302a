"""Word lists the synthetic generator draws on to vary corpus paragraphs.

Everything here is invented filler in the style of General Assembly texts: country names,
bodies, topics and regions to make paragraphs distinct; synonyms, hedges and verb swaps to
reword them; boilerplate families whose members differ by one reference. Nothing here is
quoted from a UN document.
"""

from __future__ import annotations

COUNTRIES = (
    "Afghanistan", "Albania", "Algeria", "Angola", "Argentina", "Armenia", "Australia",
    "Austria", "Azerbaijan", "Bangladesh", "Belarus", "Belgium", "Benin", "Bhutan", "Bolivia",
    "Botswana", "Brazil", "Bulgaria", "Burkina Faso", "Burundi", "Cambodia", "Cameroon",
    "Canada", "Chad", "Chile", "China", "Colombia", "Comoros", "Congo", "Costa Rica",
    "Croatia", "Cuba", "Cyprus", "Denmark", "Djibouti", "Ecuador", "Egypt", "El Salvador",
    "Eritrea", "Estonia", "Ethiopia", "Fiji", "Finland", "France", "Gabon", "Gambia",
    "Georgia", "Germany", "Ghana", "Greece", "Guatemala", "Guinea", "Guyana", "Haiti",
    "Honduras", "Hungary", "Iceland", "India", "Indonesia", "Iraq", "Ireland", "Italy",
    "Jamaica", "Japan", "Jordan", "Kazakhstan", "Kenya", "Kiribati", "Kuwait", "Kyrgyzstan",
    "Latvia", "Lebanon", "Lesotho", "Liberia", "Libya", "Lithuania", "Madagascar", "Malawi",
    "Malaysia", "Maldives", "Mali", "Malta", "Mauritania", "Mauritius", "Mexico", "Mongolia",
    "Montenegro", "Morocco", "Mozambique", "Myanmar", "Namibia", "Nauru", "Nepal",
    "Netherlands", "New Zealand", "Nicaragua", "Niger", "Nigeria", "Norway", "Oman",
    "Pakistan", "Panama", "Paraguay", "Peru", "Philippines", "Poland", "Portugal", "Qatar",
    "Romania", "Rwanda", "Samoa", "Senegal", "Serbia", "Seychelles", "Sierra Leone",
    "Singapore", "Slovakia", "Slovenia", "Somalia", "South Africa", "Spain", "Sri Lanka",
    "Sudan", "Suriname", "Sweden", "Switzerland", "Tajikistan", "Thailand", "Togo", "Tonga",
    "Tunisia", "Turkmenistan", "Tuvalu", "Uganda", "Ukraine", "Uruguay", "Uzbekistan",
    "Vanuatu", "Yemen", "Zambia", "Zimbabwe",
)

REGIONS = (
    "the Great Lakes region", "the Horn of Africa", "the Sahel", "Central Asia",
    "the Caribbean", "the Pacific", "South-East Asia", "West Africa", "Central America",
    "the Andean region", "the Mediterranean", "Southern Africa", "the Balkans",
    "the Middle East", "the Lake Chad basin", "the Mekong subregion", "Eastern Europe",
    "the small island developing States", "the least developed countries",
    "the landlocked developing countries",
)

BODIES = (
    "the Human Rights Council", "the Economic and Social Council", "the Security Council",
    "the Commission on the Status of Women", "the Commission for Social Development",
    "the Office of the United Nations High Commissioner for Refugees",
    "the United Nations Development Programme", "the United Nations Children's Fund",
    "the World Health Organization", "the World Food Programme",
    "the International Labour Organization", "the Food and Agriculture Organization",
    "the United Nations Population Fund", "the International Organization for Migration",
    "the Peacebuilding Commission", "the Committee on the Rights of the Child",
    "the Committee against Torture", "the Committee on Economic, Social and Cultural Rights",
    "the Office for the Coordination of Humanitarian Affairs", "the regional commissions",
    "the Department of Economic and Social Affairs", "the United Nations Environment Programme",
    "the Inter-Agency Standing Committee", "the Special Rapporteur on the right to food",
    "the Special Rapporteur on the human rights of internally displaced persons",
    "the Independent Expert on the effects of foreign debt", "the Joint Inspection Unit",
    "the Advisory Committee on Administrative and Budgetary Questions",
    "the Committee for Programme and Coordination", "the Board of Auditors",
)

TOPICS = (
    "the right to food", "internally displaced persons", "the protection of civilians",
    "the rights of the child", "violence against women and girls", "trafficking in persons",
    "the right to development", "the right to education", "extreme poverty",
    "migrant workers and members of their families", "persons with disabilities",
    "indigenous peoples", "older persons", "the safety of humanitarian personnel",
    "the return of refugees", "statelessness", "the rule of law at the national level",
    "enforced disappearances", "arbitrary detention", "freedom of expression",
    "the right to adequate housing", "access to safe drinking water and sanitation",
    "food security and nutrition", "disaster risk reduction", "climate change adaptation",
    "desertification and drought", "maternal health", "the elimination of racial discrimination",
    "the situation of women in rural areas", "youth employment", "literacy",
    "the prevention of armed conflict", "mine action", "small arms and light weapons",
    "the protection of journalists", "human rights defenders", "the independence of judges",
    "unaccompanied migrant children", "the reintegration of former combatants",
    "the rights of minorities", "the rights of persons deprived of their liberty",
    "the prevention of torture", "transitional justice", "microcredit", "road safety",
    "the financing of humanitarian assistance", "South-South cooperation",
    "the protection of cultural property", "the right to health", "sustainable tourism",
)

SPECIFICS = (
    "in particular in {country}",
    "including in {country} and {country2}",
    "as reflected in the report of the Secretary-General on {topic} ({doc})",
    "in accordance with its resolution {res} of {date}",
    "with particular attention to {topic}",
    "in cooperation with {body}",
    "taking into account the situation in {region}",
    "pursuant to {body} resolution {cres}",
    "as requested by {body} at its {ordinal} session",
    "notably the Governments of {country} and {country2}",
    "bearing in mind the recommendations contained in document {doc}",
    "including through the regional office for {region}",
    "as regards {topic} in {country}",
    "since the adoption of resolution {res} on {topic}",
    "with the support of {body} and {body2}",
)
"""Clauses that make a paragraph specific; each carries at least one rare word or reference."""

SYNONYMS = {
    "relevant": "pertinent", "pertinent": "relevant", "important": "essential",
    "essential": "crucial", "crucial": "important", "ensure": "guarantee",
    "guarantee": "ensure", "strengthen": "reinforce", "reinforce": "strengthen",
    "strengthening": "reinforcement", "cooperation": "collaboration",
    "collaboration": "cooperation", "efforts": "endeavours", "endeavours": "efforts",
    "States": "Member States", "Governments": "States", "countries": "States",
    "necessary": "required", "required": "necessary", "continue": "pursue",
    "pursue": "continue", "activities": "work", "measures": "steps", "steps": "measures",
    "promote": "foster", "foster": "promote", "support": "assistance", "assistance": "support",
    "effective": "efficient", "efficient": "effective", "full": "complete", "fully": "completely",
    "consider": "examine", "examine": "consider", "report": "study", "increase": "enhance",
    "enhance": "increase", "urgent": "immediate", "major": "principal", "situation": "circumstances",
    "people": "persons", "persons": "people", "problems": "challenges", "challenges": "problems",
    "international": "global", "national": "domestic", "regional": "subregional",
    "encouraged": "supported", "developed": "expanded", "provide": "make available",
    "address": "tackle", "implementation": "application", "protection": "safeguarding",
}
"""Word -> replacement for rewording (a negotiator's kind of edit)."""

INSERTIONS = (
    "where appropriate", "as appropriate", "inter alia", "within existing resources",
    "all", "further", "effective", "relevant", "full", "timely", "sustained", "concrete",
    "in particular", "as a matter of priority", "on a voluntary basis", "also", "urgently",
    "including women and children", "at all levels", "in a coordinated manner",
)
"""Words and phrases inserted when rewording (hedges, intensifiers, qualifiers)."""

VERB_SWAPS = {
    "Urges": "Encourages", "Encourages": "Invites", "Invites": "Encourages",
    "Calls upon": "Urges", "Strongly urges": "Urges", "Requests": "Invites",
    "Deplores": "Strongly deplores", "Strongly deplores": "Deplores", "Condemns": "Deplores",
    "Welcomes": "Welcomes with appreciation", "Welcomes with appreciation": "Welcomes",
    "Notes": "Takes note", "Takes note": "Notes", "Emphasizes": "Stresses", "Stresses": "Emphasizes",
    "Recalling": "Reaffirming", "Reaffirming": "Recalling", "Concerned": "Deeply concerned",
    "Deeply concerned": "Gravely concerned", "Noting": "Noting with concern",
    "Recognizing": "Acknowledging", "Welcoming": "Welcoming with appreciation",
    "Convinced": "Firmly convinced", "Stressing": "Emphasizing", "Emphasizing": "Stressing",
    "Deeply disturbed": "Deeply concerned", "Distressed": "Deeply distressed",
}
"""Opening -> another opening taking the same object (a change of strength or scale)."""

PARTICIPLE_TO_VERB = {
    "Welcoming": "Welcomes", "Recalling": "Recalls", "Recognizing": "Recognizes",
    "Reaffirming": "Reaffirms", "Stressing": "Stresses", "Emphasizing": "Emphasizes",
    "Noting": "Notes", "Taking note": "Takes note", "Acknowledging": "Acknowledges",
    "Reiterating": "Reiterates", "Underlining": "Underlines", "Welcoming with appreciation":
    "Welcomes with appreciation", "Noting with appreciation": "Notes with appreciation",
    "Noting with concern": "Notes with concern",
}
"""Preambular opening -> the operative verb it becomes when a paragraph moves to the operative part."""

OPENINGS_THAT = {
    "preamble": ("Recognizing", "Noting", "Stressing", "Emphasizing", "Considering",
                 "Bearing in mind", "Convinced", "Reaffirming", "Recalling", "Believing",
                 "Mindful", "Deeply concerned", "Noting with concern", "Underlining",
                 "Acknowledging", "Affirming"),
    "operative": ("Recognizes", "Notes", "Stresses", "Emphasizes", "Reaffirms", "Recalls",
                  "Underlines", "Considers", "Notes with concern", "Acknowledges", "Affirms",
                  "Decides", "Expresses concern"),
}
"""Openings that take a "that ..." clause, interchangeable for paragraphs whose body starts with "that"."""

OPENINGS_OBJECT = {
    "preamble": ("Recalling", "Reaffirming", "Welcoming", "Noting", "Recognizing", "Stressing",
                 "Emphasizing", "Acknowledging", "Bearing in mind", "Welcoming with appreciation",
                 "Noting with appreciation", "Underlining", "Reiterating", "Taking into account"),
    "operative": ("Welcomes", "Emphasizes", "Reaffirms", "Stresses", "Notes", "Recognizes",
                  "Underlines", "Welcomes with appreciation", "Commends", "Recalls",
                  "Acknowledges", "Supports", "Reiterates"),
}
"""Openings that take a noun phrase ("the efforts of ...")."""

OPENINGS_REQUEST = ("Urges", "Calls upon", "Encourages", "Invites", "Requests", "Strongly urges",
                    "Again invites", "Strongly encourages", "Calls on", "Appeals to")
"""Operative openings that take "<addressee> to <verb> ..."."""

# Boilerplate families: members of one run share everything but the {ref} slot.
BOILERPLATE = {
    "preamble": (
        ("Recalling", "its resolution {ref} on {topic}"),
        ("Reaffirming", "{body} resolution {ref} on {topic}"),
        ("Taking note", "of the report of the Secretary-General on {topic} ({ref})"),
        ("Recalling", "the report of the Special Rapporteur on {topic} submitted to {body} ({ref})"),
        ("Recalling also", "its resolution {ref} entitled \"{title}\""),
    ),
    "operative": (
        ("Takes note", "of the report of the Secretary-General on {topic} ({ref})"),
        ("Calls upon", "all States to implement fully resolution {ref} on {topic}"),
        ("Requests", "the Secretary-General to report to it on the implementation of "
                     "resolution {ref} on {topic}"),
        ("Decides", "to include in the provisional agenda of its {ordinal} session the "
                    "sub-item entitled \"{title}\" under the item concerning resolution {ref}"),
    ),
}
"""(opening, body template) per section; {ref} varies inside a run, the rest is fixed."""

TITLES = (
    "Human rights and mass exoduses", "Protection of migrants", "Rights of the child",
    "Elimination of all forms of intolerance", "Situation of human rights defenders",
    "Assistance to refugees, returnees and displaced persons in Africa",
    "Promotion of a democratic and equitable international order",
    "Effective promotion of the Declaration on the Rights of Persons Belonging to Minorities",
    "Strengthening of the coordination of emergency humanitarian assistance",
    "The right to food", "Globalization and its impact on the full enjoyment of all human rights",
    "Missing persons", "Subregional Centre for Human Rights and Democracy in Central Africa",
)

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")

_UNITS = ("", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth")
_TENS_ORDINAL = {4: "fortieth", 5: "fiftieth", 6: "sixtieth", 7: "seventieth"}
_TENS = {4: "forty", 5: "fifty", 6: "sixty", 7: "seventy"}


def ordinal(session: int) -> str:
    """Session ordinal as UN texts write it: 54 -> "fifty-fourth", 60 -> "sixtieth"."""
    tens, units = divmod(session, 10)
    if units == 0:
        return _TENS_ORDINAL[tens]
    return f"{_TENS[tens]}-{_UNITS[units]}"

GROUPS = (
    "refugees", "displaced persons", "migrants", "returnees", "asylum-seekers",
    "stateless persons", "women and children", "older persons", "persons with disabilities",
    "victims of trafficking", "indigenous peoples", "rural women", "unaccompanied children",
    "detainees", "civilians", "humanitarian workers", "internally displaced persons",
    "persons belonging to minorities", "migrant workers", "host communities",
)

OFFICIALS = (
    "the United Nations High Commissioner for Human Rights",
    "the United Nations High Commissioner for Refugees", "the Secretary-General",
    "the Emergency Relief Coordinator", "the Special Representative of the Secretary-General",
    "the Executive Director of the United Nations Children's Fund",
    "the Administrator of the United Nations Development Programme",
    "the Director-General of the International Labour Organization",
    "the President of the General Assembly", "the Deputy Secretary-General",
)

PHENOMENA = (
    "mass exoduses", "forced displacement", "humanitarian emergencies", "natural disasters",
    "armed conflicts", "food crises", "epidemics", "extreme weather events", "economic shocks",
    "protracted crises", "sudden-onset disasters", "mass atrocities", "political instability",
)

ENTITIES = (
    (r"the United Nations High Commissioner for (?:Human Rights|Refugees)", OFFICIALS),
    (r"the Secretary-General", OFFICIALS),
    (r"the Commission on Human Rights|the Human Rights Council|the Economic and Social Council"
     r"|the Administrative Committee on Coordination|the specialized agencies", BODIES),
    (r"refugees and (?:other )?displaced persons|refugees|displaced persons"
     r"|women and children|asylum applicants|returnees", GROUPS),
    (r"mass exoduses|mass flows of refugees|movements of refugees|humanitarian emergencies"
     r"|forced migratory movements|armed conflicts", PHENOMENA),
    (r"developing countries|countries of origin|countries of asylum|host countries", REGIONS),
)
"""(pattern, replacements): named things in corpus phrases that a new paragraph redraws."""
