"""TIMEX3 normalisation of one time expression's text: a table of compiled regex rules.

``normalise(text, anchor, direction, ref)`` returns ``(type, value)`` where type is DATE,
TIME, DURATION or SET and value a TIMEX3 value (``2025-05-28``, ``2025-06``, ``2025-W22``,
``2025-Q1``, ``199``, ``P3Y``, ``PT2H``, ``XXXX-WXX-1``, ``PRESENT_REF`` ...), or None when
the expression cannot be resolved (for instance a relative one without an anchor date).

``anchor`` is the article date; ``direction`` is -1 (past clause), +1 (future/planned clause)
or 0 (unknown); ``ref`` is the value of the last absolute date mentioned before (the reference
time of anaphoric expressions such as "a year earlier" or "the quarter").
"""

from __future__ import annotations

import re
from datetime import date, timedelta

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december"]
MONTH_INDEX = {m: i + 1 for i, m in enumerate(MONTHS)} | {m[:3]: i + 1 for i, m in
                                                          enumerate(MONTHS)} | {"sept": 9}
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
           "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
           "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
           "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
           "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
           "a couple of": 2, "a couple": 2, "couple of": 2, "a dozen": 12, "dozen": 12,
           "half a": 0.5, "a half": 0.5}
VAGUE = {"several", "a few", "few", "many", "some", "a number of", "numerous", "recent",
         "the last few", "the past few", "coming", "the coming"}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3,
            "4th": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
            "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
            "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
            "nineteenth": 19, "twentieth": 20, "twenty-first": 21}
UNITS = {"second": "S", "sec": "S", "minute": "TM", "min": "TM", "hour": "H", "hr": "H",
         "day": "D", "night": "D", "week": "W", "fortnight": "2W", "month": "M", "quarter": "Q",
         "year": "Y", "yr": "Y", "decade": "E", "century": "C", "weekend": "WE"}
TIME_UNITS = {"S", "TM", "H"}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
SEASON_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
DAY_PARTS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI",
             "overnight": "NI", "midday": "MI", "noon": "MI"}
SET_WORDS = {"daily": "P1D", "nightly": "P1D", "weekly": "P1W", "biweekly": "P2W",
             "monthly": "P1M", "quarterly": "P3M", "annually": "P1Y", "annual": "P1Y",
             "yearly": "P1Y", "hourly": "PT1H", "semiannually": "P6M", "semiannual": "P6M",
             "biannually": "P6M"}
PRESENT = {"now", "currently", "current", "presently", "present", "at present", "nowadays",
           "these days", "right now", "just now", "the present", "at the moment", "today's",
           "now-current", "the moment", "this time", "at this time", "at this point",
           "for now", "the present time", "present-day", "the current period"}
PAST = {"recently", "recent", "lately", "the past", "in the past", "previously", "formerly",
        "earlier", "before", "once", "the recent past", "in recent times", "past",
        "not long ago", "a while ago", "some time ago", "long ago", "years ago", "ago"}
FUTURE = {"soon", "future", "the future", "in the future", "later", "eventually", "shortly",
          "in the near future", "the near future", "upcoming", "forthcoming", "someday",
          "one day", "the coming", "in coming", "hereafter", "the days ahead", "ahead",
          "in the long run", "the long term", "the long run", "long-term", "later on"}
HOLIDAYS = {"christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
            "new year's day": (1, 1), "new year's eve": (12, 31), "new year": (1, 1),
            "independence day": (7, 4), "valentine's day": (2, 14), "halloween": (10, 31),
            "veterans day": (11, 11), "boxing day": (12, 26), "may day": (5, 1),
            "bastille day": (7, 14)}

NUM = (r"(?:\d+(?:\.\d+)?|(?:a couple of|a couple|a dozen|half a|a few|several|many|some|few|"
       r"couple of|a number of|numerous|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
       r"(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|"
       r"seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|"
       r"eighteen|nineteen|a|an|hundred|dozens of|hundreds of))")
UNIT = (r"(?P<unit>second|sec|minute|min|hour|hr|day|night|week|fortnight|month|quarter|year|"
        r"yr|decade|century|centurie|weekend)s?")
MONTH_RE = (r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|"
            r"aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
WEEKDAY_RE = (r"(?P<weekday>mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)"
              r"(?:day)?\.?")
YEAR_RE = r"(?P<year>(?:1[6-9]|20)\d\d|'\d\d)"
DAYPART_RE = r"(?P<part>morning|afternoon|evening|night|overnight|midday)"

R_ISO = re.compile(r"^(?P<y>\d{4})-(?P<m>\d\d)(?:-(?P<d>\d\d))?(?:t(?P<t>\d\d:\d\d))?$")
R_SLASH = re.compile(r"^(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{2}|\d{4})$")
R_AGO = re.compile(rf"^(?P<num>{NUM})[- ]{UNIT}(?: and (?:a half|\S+ \S+))? (?P<dir>ago|earlier|"
                   r"later|before|after|from now|hence|back|since|previously)$")
R_UNIT_SHIFT = re.compile(rf"^(?:a |the )?{UNIT}[- ](?P<dir>ago|earlier|later|before|after|"
                          r"from now|hence)$")
R_DURATION = re.compile(rf"^(?:(?:the|a|an|its|their|his|her|this)\s+)?(?:(?P<rel>past|last|"
                        r"next|coming|previous|following|first|final|recent|preceding|"
                        r"remaining|initial|latest|prior|ensuing)\s+)?"
                        rf"(?P<num>{NUM})?(?:[- ]{UNIT})(?:[- ](?:long|old|period|span|term|"
                        r"stretch))?(?:\s+(?:period|span|time|or so|of time))?$")
R_BARE_UNITS = re.compile(rf"^(?:recent\s+|the\s+|the\s+(?:past|last|next|coming)\s+(?:few\s+)?)?"
                          rf"(?:{UNIT})(?:\s+(?:or|and|to)\s+(?P<unit2>\w+?)s)?$")
R_DECADE = re.compile(r"^(?:(?P<mod>early|mid|late|the end of the|the beginning of the|"
                      r"the last half of the|the first half of the)[- ]?)?"
                      r"(?P<dec>(?:1[0-9]|20)?\d0|'\d0)'?s$")
R_DECADE_WORD = re.compile(r"^(?:(?:early|mid|late)[- ]?)?(?P<w>twenties|thirties|forties|fifties|"
                           r"sixties|seventies|eighties|nineties)$")
R_CENTURY = re.compile(r"^(?:(?:early|mid|late)[- ]?)?(?P<n>\d{1,2})(?:st|nd|rd|th)[- ]century$"
                       r"|^(?:(?:early|mid|late)[- ]?)?(?P<w>\w+(?:-\w+)?)[- ]century$")
R_QUARTER = re.compile(r"^(?:(?P<rel>this|last|next|the current|the previous|the latest|"
                       r"the last|the past|the same|the first|the)\s+)?"
                       r"(?:(?P<year1>(?:19|20)\d\d|this year|last year|next year|"
                       r"the year)'s?\s+)?"
                       r"(?:fiscal\s+)?(?:(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|"
                       r"final|last|latest|current|previous|past|same|fiscal)[- ]?)?"
                       r"(?:fiscal[- ])?(?P<unit>quarter|half|period)"
                       r"(?:\s+(?:of|in|for|ending|ended)\s+(?:fiscal\s+|calendar\s+)?"
                       r"(?P<year2>(?:19|20)\d\d|this year|last year|next year|the year))?"
                       r"(?:\s+(?P<year3>(?:19|20)\d\d))?$")
R_Q = re.compile(r"^(?:the\s+)?q(?P<n>[1-4])(?:\s+(?P<y>(?:19|20)\d\d))?$|^(?P<y2>(?:19|20)\d\d)"
                 r"[- ]?q(?P<n2>[1-4])$")
R_SEASON = re.compile(r"^(?:(?P<rel>last|this|next|early|late|the|mid|the past|the coming)\s+)?"
                      r"(?P<season>spring|summer|fall|autumn|winter)"
                      r"(?:\s+(?:of\s+)?(?P<year>(?:19|20)\d\d|last year|this year|next year))?$")
R_YEAR = re.compile(r"^(?:(?:early|mid|late|the end of|the start of|the beginning of|the middle "
                    r"of|the first half of|the second half of|the rest of|the remainder of|"
                    r"the spring of|the summer of|the fall of|the autumn of|"
                    r"the winter of)[- ]?\s*)?(?:(?:fiscal|calendar|model|tax|school|academic)"
                    r"(?: year)?\s*|fy\s*|the year\s+)?(?P<year>(?:1[0-9]|20)\d\d|'\d\d)$")
R_YEAR_RANGE = re.compile(r"^(?:fiscal\s+)?(?P<year>(?:19|20)\d\d)[-/](?:\d\d|\d{4})$")
R_REL_PERIOD = re.compile(
    r"^(?:(?P<mod>earlier|later|early|late|the end of|end of|the beginning of|the start of|"
    r"the middle of|the rest of|the remainder of|mid|the first half of|the second half of|"
    r"the first part of|the latter part of|the end-of)[- ]?\s*)?(?P<rel>last|next|this|past|"
    r"coming|the current|the coming|the past|current|the previous|previous|the following|"
    r"the next|the same|that|the|a)[- ]?\s*(?:fiscal\s+|calendar\s+)?(?P<unit>week|month|year|"
    r"weekend|decade|century|fiscal year|year's|month's|week's)(?:'s)?$")
_WEEKDAY_NC = WEEKDAY_RE.replace("?P<weekday>", "?:")
R_MONTH_DAY = re.compile(rf"^(?:{WEEKDAY_RE},?\s+)?{MONTH_RE}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|"
                         rf"th)?(?:,?\s+(?:of\s+)?{YEAR_RE})?(?:,?\s+{_WEEKDAY_NC})?$")
R_DAY_MONTH = re.compile(rf"^(?:{WEEKDAY_RE},?\s+)?(?:the\s+)?(?P<day>\d{{1,2}})(?:st|nd|rd|th)?"
                         rf"\s+(?:of\s+)?{MONTH_RE}(?:,?\s+{YEAR_RE})?$")
R_MONTH = re.compile(rf"^(?:(?P<mod>early|mid|late|the end of|the beginning of|the start of|"
                     rf"the middle of|the first half of|the second half of|the rest of|"
                     rf"the remainder of|earlier in|later in|end)[- ]?\s*)?{MONTH_RE}"
                     rf"(?:,?\s+(?:of\s+)?(?:{YEAR_RE}|(?P<rel>last|this|next) year))?$")
R_WEEKDAY = re.compile(rf"^(?:(?P<rel>last|next|this|past|coming|this past|this coming|"
                       rf"early|late|on)\s+)?{WEEKDAY_RE}(?:'s)?(?:\s+{DAYPART_RE})?$")
R_DAYPART_WEEKDAY = re.compile(rf"^(?:early\s+|late\s+)?{DAYPART_RE}(?:,)?\s+(?:of\s+)?"
                               rf"{WEEKDAY_RE}$")
R_REL_DAY = re.compile(r"^(?P<day>today|tonight|yesterday|tomorrow|the day before yesterday|"
                       r"the day after tomorrow|this|last|early today|late yesterday|"
                       r"earlier today|later today)(?:'s)?(?:\s+" + DAYPART_RE + r")?$")
R_CLOCK = re.compile(r"(?P<h>\d{1,2})(?:[:.](?P<min>\d\d))?\s*(?P<ampm>a\.?\s?m\.?|p\.?\s?m\.?)?"
                     r"(?:\s*(?:[a-z]{2,4}t|gmt|utc|local time|o'clock))?"
                     r"|(?P<named>noon|midnight|midday)")
R_SET_EVERY = re.compile(rf"^(?:every|each|per|once a|twice a|once an|twice an|"
                         rf"(?:once|twice|three times|\w+ times) (?:a|an|per|every|each))\s+"
                         rf"(?:(?P<other>other)\s+)?(?:(?P<num>{NUM})\s+)?"
                         rf"(?:(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|"
                         rf"sunday)|{UNIT}|(?P<month>{MONTH_RE[13:-4]}))$")
R_SET_PLURAL_WEEKDAY = re.compile(r"^(?:on\s+)?(?P<weekday>monday|tuesday|wednesday|thursday|"
                                  r"friday|saturday|sunday)s$")
R_NUM_WORDS_YEAR = re.compile(r"^(?P<c>nineteen|twenty)[- ](?P<rest>(?:hundred(?: and)? )?"
                              r"[a-z]+(?:[- ][a-z]+)?)$")


def normalise(text: str, anchor: date | None, direction: int = 0,
              ref: str | None = None) -> tuple[str, str | None]:
    t = clean(text)
    result = _apply(t, anchor, direction, ref)
    if result[1] is None and (m := re.match(r"(the|this past|this coming|last|next|this|past|"
                                            r"coming) (?=\S)", t)):
        word = m[1]
        step = -1 if word in ("last", "past", "this past") else \
            1 if word in ("next", "coming", "this coming") else direction
        retry = _apply(t[m.end():], anchor, step, ref)
        if retry[1] is not None:
            return retry
    return result


def _apply(t: str, anchor: date | None, direction: int, ref: str | None) -> tuple[str, str | None]:
    for rule in RULES:
        result = rule(t, anchor, direction, ref)
        if result is not None:
            return result
    return "DATE", None


def clean(text: str) -> str:
    t = text.lower().replace("\u2019", "'").replace("\u2018", "'").replace("\n", " ")
    t = re.sub(r"\s+", " ", t).strip(" ,;:!?\"()")
    t = re.sub(r"\.$", "", t) if not re.search(r"[ap]\.m\.$", t) else t
    t = re.sub(r"'s$", "", t)
    t = re.sub(r"^(?:(?:about|around|approximately|roughly|almost|nearly|some|only|just|"
               r"at least|at most|more than|less than|fewer than|over|under|up to|well over|"
               r"no more than|no less than|as many as|as much as|as long as|as early as|"
               r"as late as|until|till|through|since|from|by|on|in|at|during|for|within|"
               r"of|after|before|throughout|toward|towards|into|beginning|starting)\s+)+", "",
               t)
    return t.strip()


def number(word: str | None) -> float | None:
    """1, 2.5, 'three', 'twenty-four', 'a couple of'; None for vague amounts."""
    if word is None:
        return 1
    w = word.strip().replace("-", " ")
    if w in VAGUE or w in {"dozens of", "hundreds of", "a number of"}:
        return None
    if w in NUMBERS:
        return NUMBERS[w]
    try:
        return float(w)
    except ValueError:
        pass
    parts = w.split()
    if parts and all(p in NUMBERS for p in parts):
        return sum(NUMBERS[p] for p in parts)
    return None


def _fmt_amount(n: float | None) -> str:
    if n is None:
        return "X"
    return str(int(n)) if float(n).is_integer() else str(n)


def duration_value(n: float | None, unit: str) -> str:
    code = UNITS.get(unit.rstrip("s"), UNITS.get(unit, "Y"))
    if code == "2W":
        return f"P{_fmt_amount(n * 2 if n is not None else None)}W"
    if code == "Q":
        return f"P{_fmt_amount(n * 3 if n is not None else None)}M"
    if code == "C":
        return f"P{_fmt_amount(n * 100 if n is not None else None)}Y"
    if code in TIME_UNITS:
        if n == 0.5 and code == "H":
            return "PT30M"
        return f"PT{_fmt_amount(n)}{code[-1]}"
    if n is not None and not float(n).is_integer():
        if code == "Y":
            return f"P{int(n * 12)}M"
        if code == "D":
            return f"PT{int(n * 24)}H"
    return f"P{_fmt_amount(n)}{code}"


def _unit(word: str) -> str:
    word = word.lower()
    if word.endswith("ies"):
        word = word[:-3] + "y"
    return word[:-1] if word.endswith("s") and word[:-1] in UNITS else word


# --- calendar helpers -------------------------------------------------------------------

def shift_months(d: date, months: int) -> tuple[int, int]:
    m = d.month - 1 + months
    return d.year + m // 12, m % 12 + 1


def week_value(d: date) -> str:
    iso = d.isocalendar()
    return f"{iso[0]}-W{iso[1]:02d}"


def month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def month_number(word: str) -> int | None:
    w = word.lower().rstrip(".")
    return MONTH_INDEX.get(w) or (MONTH_INDEX.get(w[:3]) if len(w) >= 3 and
                                  (w in MONTHS or w[:3] in MONTH_INDEX and len(w) <= 4) else None)


def weekday_number(word: str) -> int:
    w = word.lower()
    for n, name in enumerate(WEEKDAYS):
        if name.startswith(w[:3]):
            return n
    raise ValueError(word)


def resolve_weekday(anchor: date, weekday: int, direction: int, rel: str | None = None) -> date:
    back = (anchor.weekday() - weekday) % 7
    ahead = (weekday - anchor.weekday()) % 7
    if rel in ("last", "past", "this past"):
        return anchor - timedelta(days=back or 7)
    if rel in ("next", "coming", "this coming"):
        return anchor + timedelta(days=ahead or 7)
    if direction > 0:
        return anchor + timedelta(days=ahead)
    return anchor - timedelta(days=back)


def resolve_year(anchor: date, month: int, day: int | None, direction: int) -> int:
    """The year of a month (and day) without one, looking the way the tense points."""
    if direction < 0:
        if (month, day or 1) > (anchor.month, anchor.day):
            return anchor.year - 1
        return anchor.year
    if direction > 0:
        if (month, day or 31) < (anchor.month, anchor.day):
            return anchor.year + 1
        return anchor.year
    # unknown tense: the nearest occurrence (within six months either way)
    diff = (month - anchor.month) * 31 + ((day or 15) - anchor.day)
    if diff > 200:
        return anchor.year - 1
    if diff < -200:
        return anchor.year + 1
    return anchor.year


def _year_of(token: str | None, anchor: date | None) -> int | None:
    if token is None:
        return None
    token = token.strip()
    if token.startswith("'"):
        yy = int(token[1:])
        if anchor is not None:
            century = anchor.year // 100 * 100
            year = century + yy
            return year - 100 if year > anchor.year + 20 else year
        return 1900 + yy if yy > 30 else 2000 + yy
    if re.fullmatch(r"\d{4}", token):
        return int(token)
    if anchor is None:
        return None
    offsets = {"this year": 0, "last year": -1, "next year": 1, "the year": 0}
    return anchor.year + offsets[token] if token in offsets else None


def _ref_date(ref: str | None, anchor: date | None) -> tuple[str | None, date | None]:
    """The value string to shift for anaphora: the last absolute date, else the anchor."""
    if ref and re.match(r"^\d{4}", ref):
        return ref, None
    if anchor is not None:
        return anchor.isoformat(), anchor
    return None, None


def shift_value(value: str, n: int, code: str) -> str | None:
    """Shift a TIMEX3 value by n units (Y, M, W, D, Q) keeping its granularity where sensible."""
    if m := re.fullmatch(r"(\d{4})-Q([1-4])", value):
        year, q = int(m[1]), int(m[2])
        if code == "Y":
            return f"{year + n}-Q{q}"
        if code == "Q":
            idx = year * 4 + q - 1 + n
            return f"{idx // 4}-Q{idx % 4 + 1}"
        return None
    if m := re.fullmatch(r"(\d{4})-H([12])", value):
        return f"{int(m[1]) + n}-H{m[2]}" if code == "Y" else None
    if m := re.fullmatch(r"(\d{4})", value):
        return f"{int(m[1]) + n}" if code == "Y" else None
    if m := re.fullmatch(r"(\d{4})-(\d\d)", value):
        d = date(int(m[1]), int(m[2]), 1)
        if code == "Y":
            return month_value(d.year + n, d.month)
        if code == "M":
            return month_value(*shift_months(d, n))
        return None
    if m := re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)", value[:10]):
        d = date(int(m[1]), int(m[2]), int(m[3]))
        return shift_date(d, n, code)
    return None


def shift_date(d: date, n: int, code: str) -> str | None:
    if code == "D":
        return (d + timedelta(days=n)).isoformat()
    if code == "W":
        return week_value(d + timedelta(weeks=n))
    if code == "M":
        return month_value(*shift_months(d, n))
    if code == "Q":
        idx = d.year * 4 + (d.month - 1) // 3 + n
        return f"{idx // 4}-Q{idx % 4 + 1}"
    if code == "Y":
        return f"{d.year + n:04d}"
    if code == "E":
        return f"{(d.year + 10 * n) // 10:03d}"
    if code == "C":
        return f"{(d.year + 100 * n) // 100:02d}"
    return None


# --- rules ---------------------------------------------------------------------------------
# Each rule takes (clean text, anchor, direction, ref) and returns (type, value) or None.

def rule_refs(t, anchor, direction, ref):
    if t in PRESENT:
        return "DATE", "PRESENT_REF"
    if t in PAST:
        return "DATE", "PAST_REF"
    if t in FUTURE:
        return "DATE", "FUTURE_REF"
    if m := re.fullmatch(r"(?:recent|the past few|the last few|past|coming|the coming|"
                         r"the next few|next few|in recent) (year|month|week|day|decade|hour)s",
                         t):
        return "DURATION", duration_value(None, m[1])
    return None


def _valid_day(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def rule_numeric(t, anchor, direction, ref):
    if m := R_ISO.match(t):
        if not 1 <= int(m["m"]) <= 12:
            if m["d"] is None and not m["t"] and int(m["m"]) > int(m["y"][2:]):
                return "DATE", m["y"]  # a span of years, "the 1979-81 crisis": its start
            return None
        value = f"{m['y']}-{m['m']}" + (f"-{m['d']}" if m["d"] else "")
        if m["d"] is not None and not _valid_day(int(m["y"]), int(m["m"]), int(m["d"])):
            return None
        if m["t"]:
            return "TIME", f"{value}T{m['t']}"
        return "DATE", value
    if m := R_SLASH.match(t):
        year = int(m["y"]) if len(m["y"]) == 4 else _year_of("'" + m["y"], anchor)
        try:
            return "DATE", date(year, int(m["m"]), int(m["d"])).isoformat()
        except ValueError:
            return None
    return None


def rule_set(t, anchor, direction, ref):
    if t in SET_WORDS:
        return "SET", SET_WORDS[t]
    if m := R_SET_PLURAL_WEEKDAY.match(t):
        return "SET", f"XXXX-WXX-{WEEKDAYS.index(m['weekday']) + 1}"
    if m := R_SET_EVERY.match(t):
        if m["weekday"]:
            return "SET", f"XXXX-WXX-{WEEKDAYS.index(m['weekday']) + 1}"
        if m["month"]:
            return "SET", f"XXXX-{month_number(m['month']):02d}"
        n = number(m["num"]) if m["num"] else 1
        if m["other"]:
            n = 2
        return "SET", duration_value(n, _unit(m["unit"]))
    if m := re.fullmatch(r"(?:every|each) (morning|afternoon|evening|night)", t):
        return "SET", f"XXXX-XX-XXT{DAY_PARTS[m[1]]}"
    return None


def rule_relative_day(t, anchor, direction, ref):
    m = R_REL_DAY.match(t)
    if not m or m["day"] in ("this", "last") and not m["part"]:
        return None
    word = m["day"].split()[-1]
    part = m["part"]
    if m["day"] == "tonight":
        part = "night"
    offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "this": 0}.get(word, 0)
    if m["day"] == "last":
        offset, part = -1, part or "night"
        if part != "night":
            return None
    if "day before" in m["day"]:
        offset = -2
    elif "day after" in m["day"]:
        offset = 2
    if anchor is None:
        return ("TIME" if part else "DATE"), None
    day = (anchor + timedelta(days=offset)).isoformat()
    if part:
        return "TIME", f"{day}T{DAY_PARTS[part]}"
    return "DATE", day


def rule_ago(t, anchor, direction, ref):
    m = R_AGO.match(t)
    shift_only = False
    if not m:
        m = R_UNIT_SHIFT.match(t)
        shift_only = True
    if not m:
        if re.fullmatch(rf"(?:{NUM}[- ])?(?:year|month|week|day|decade)s? ago", t):
            return "DATE", "PAST_REF"
        return None
    n = 1 if shift_only else number(m["num"])
    code = UNITS.get(_unit(m["unit"]))
    sign = -1 if m["dir"] in ("ago", "earlier", "before", "back", "previously", "since") else 1
    if n is None or code in (None, "WE") or code in TIME_UNITS:
        if code in TIME_UNITS and n is not None:
            if m["dir"] == "ago":
                return "DATE", anchor.isoformat() if anchor else None
            return "DURATION", duration_value(n, _unit(m["unit"]))
        return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF"
    if code == "2W":
        n, code = n * 2, "W"
    if not float(n).is_integer():
        return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF"
    n = int(n)
    if m["dir"] in ("ago", "from now", "hence", "back"):
        if anchor is None:
            return "DATE", None
        return "DATE", shift_date(anchor, sign * n, code)
    base, _ = _ref_date(ref, anchor)
    if base is None:
        return "DATE", None
    value = shift_value(base, sign * n, code)
    if value is None and anchor is not None:
        value = shift_date(anchor, sign * n, code)
    return "DATE", value


def rule_year_earlier(t, anchor, direction, ref):
    m = re.fullmatch(r"(?:the )?(?P<u>year|month|quarter|week|day)[- ](?P<d>earlier|ago|before|"
                     r"later)(?: (?:period|quarter|level|figure|month|months|nine months|"
                     r"six months|results|year))?", t)
    if not m:
        return None
    tail = t.split()[-1]
    if tail in ("months", "period") and re.search(r"nine|six|three", t):
        n = number(re.search(r"(nine|six|three)", t)[1])
        return "DURATION", duration_value(n, "month")
    code = UNITS[m["u"]]
    sign = 1 if m["d"] == "later" else -1
    base, _ = _ref_date(ref, anchor)
    if base is None:
        return "DATE", None
    return "DATE", shift_value(base, sign, code) or (shift_date(anchor, sign, code)
                                                     if anchor else None)


def rule_decade(t, anchor, direction, ref):
    if m := R_DECADE.match(t):
        dec = m["dec"].strip("'")
        if len(dec) == 2:
            year = 1900 + int(dec)
            if anchor is not None and year + 100 <= anchor.year + 10 and anchor.year >= 2010:
                year += 100
            return "DATE", str(year // 10)
        if len(dec) == 4:
            return "DATE", dec[:3]
        return None
    if m := R_DECADE_WORD.match(t):
        tens = ["twenties", "thirties", "forties", "fifties", "sixties", "seventies",
                "eighties", "nineties"].index(m["w"]) + 2
        return "DATE", f"19{tens}"
    if m := R_CENTURY.match(t):
        n = int(m["n"]) if m["n"] else ORDINALS.get(m["w"])
        if n:
            return "DATE", f"{n - 1:02d}"
    return None


def rule_quarter(t, anchor, direction, ref):
    if m := R_Q.match(t):
        year = m["y"] or m["y2"]
        q = m["n"] or m["n2"]
        if year is None:
            if anchor is None:
                return "DATE", None
            year = str(anchor.year)
        return "DATE", f"{year}-Q{q}"
    m = R_QUARTER.match(t)
    if not m:
        return None
    unit = m["unit"]
    if unit == "period" and not m["ord"] and m["rel"] not in ("the latest", "the same"):
        return None
    year_token = m["year1"] or m["year2"] or m["year3"]
    year = _year_of(year_token, anchor) if year_token and year_token != "the year" else None
    ord_ = m["ord"]
    rel = m["rel"] or ""
    if unit == "half":
        if ord_ in ("first", "1st"):
            n = 1
        elif ord_ in ("second", "2nd") or ord_ == "last" or rel in ("the last",) and not ord_:
            n = 2
        else:
            n = None
        if n is None:
            if anchor is None:
                return "DATE", None
            n = 1 if anchor.month <= 6 else 2
        if year is None:
            if anchor is None:
                return "DATE", None
            year = anchor.year
        return "DATE", f"{year}-H{n}"
    n = ORDINALS.get(ord_) if ord_ in ORDINALS and ORDINALS[ord_] <= 4 else None
    if n is None and ord_ in ("final", "last") and (year_token or rel == "the"):
        n = 4
    if n is not None:
        if year is None:
            if anchor is None:
                return "DATE", None
            year = anchor.year
            current = (anchor.month - 1) // 3 + 1
            if direction < 0 and n > current:
                year -= 1
            elif direction > 0 and n < current - 1:
                year += 1
        return "DATE", f"{year}-Q{n}"
    # "the quarter", "the latest quarter", "last quarter", "this quarter": relative
    if ref and re.fullmatch(r"\d{4}-Q[1-4]", ref) and (rel in ("the", "the same", "the latest")
                                                      or ord_ in ("latest", "same")):
        return "DATE", ref
    if anchor is None:
        return "DATE", None
    current = anchor.year * 4 + (anchor.month - 1) // 3
    if rel in ("this", "the current") or ord_ == "current":
        idx = current
    elif rel == "next":
        idx = current + 1
    elif rel in ("last", "the last", "the previous", "the past") or ord_ in ("previous", "past",
                                                                             "last"):
        idx = current - 1
    else:
        idx = current - 1 if direction <= 0 else current
    return "DATE", f"{idx // 4}-Q{idx % 4 + 1}"


def rule_season(t, anchor, direction, ref):
    m = R_SEASON.match(t)
    if not m:
        return None
    code = SEASONS[m["season"]]
    year = _year_of(m["year"], anchor) if m["year"] else None
    if year is None:
        if anchor is None:
            return "DATE", None
        year = anchor.year
        start = SEASON_MONTH[code]
        rel = m["rel"]
        if rel in ("last", "the past"):
            if start >= anchor.month - 2:
                year -= 1
        elif rel in ("next", "the coming"):
            if start <= anchor.month:
                year += 1
        elif direction < 0 and start > anchor.month:
            year -= 1
        elif direction > 0 and start + 2 < anchor.month:
            year += 1
    return "DATE", f"{year}-{code}"


def rule_holiday(t, anchor, direction, ref):
    m = re.fullmatch(r"(?:(?P<rel>last|next|this)\s+)?(?P<h>thanksgiving(?: day)?|"
                     + "|".join(re.escape(h) for h in HOLIDAYS) + r")(?:\s+(?P<y>\d{4}))?", t)
    if not m:
        return None
    year = int(m["y"]) if m["y"] else None
    if year is None and anchor is None:
        return "DATE", None
    rel = m["rel"]
    d = -1 if rel == "last" else 1 if rel == "next" else direction

    def day_in(y):
        if m["h"].startswith("thanksgiving"):
            first = date(y, 11, 1)
            return first + timedelta(days=(3 - first.weekday()) % 7 + 21)
        mm, dd = HOLIDAYS[m["h"]]
        return date(y, mm, dd)

    if year is not None:
        return "DATE", day_in(year).isoformat()
    candidate = day_in(anchor.year)
    if d < 0 and candidate > anchor:
        candidate = day_in(anchor.year - 1)
    elif d > 0 and candidate < anchor:
        candidate = day_in(anchor.year + 1)
    elif d == 0 and abs((candidate - anchor).days) > 183:
        candidate = day_in(anchor.year + (1 if candidate < anchor else -1))
    return "DATE", candidate.isoformat()


def rule_month_day(t, anchor, direction, ref):
    m = R_MONTH_DAY.match(t) or R_DAY_MONTH.match(t)
    if not m:
        return None
    month = month_number(m["month"])
    day = int(m["day"])
    if month is None or not 1 <= day <= 31:
        return None
    year = _year_of(m["year"], anchor) if m["year"] else None
    if year is None:
        if anchor is None:
            return "DATE", None
        year = resolve_year(anchor, month, day, direction)
    try:
        return "DATE", date(year, month, day).isoformat()
    except ValueError:
        return None


def rule_month(t, anchor, direction, ref):
    m = R_MONTH.match(t)
    if not m:
        return None
    month = month_number(m["month"])
    if month is None:
        return None
    if m["year"]:
        year = _year_of(m["year"], anchor)
    elif m["rel"]:
        if anchor is None:
            return "DATE", None
        year = anchor.year + {"last": -1, "this": 0, "next": 1}[m["rel"]]
    elif ref and re.match(r"^\d{4}", ref) and anchor is None:
        year = int(ref[:4])
    elif anchor is None:
        return "DATE", None
    else:
        year = resolve_year(anchor, month, None, direction)
    return "DATE", month_value(year, month)


def rule_year(t, anchor, direction, ref):
    if m := R_YEAR.match(t) or R_YEAR_RANGE.match(t):
        year = _year_of(m["year"], anchor)
        return ("DATE", f"{year:04d}") if year else None
    if m := R_NUM_WORDS_YEAR.match(t):
        century = NUMBERS[m["c"]] * 100
        rest = m["rest"].replace("hundred and ", "").replace("hundred ", "")
        n = number(rest)
        if n is not None and 0 < n < 100:
            return "DATE", str(int(century + n))
    return None


def rule_relative_period(t, anchor, direction, ref):
    m = R_REL_PERIOD.match(t)
    if not m:
        return None
    rel = m["rel"].replace("the ", "")
    unit = m["unit"].replace("fiscal ", "").replace("'s", "")
    mod = m["mod"]
    if rel in ("a",):
        return None
    if rel == "" or m["rel"] == "the":
        if unit in ("year", "month", "week") and not mod:
            return "DURATION", duration_value(1, unit)
        rel = "this" if mod else "the"
    if rel == "past" and not mod:
        return "DURATION", duration_value(1, unit)
    if rel in ("same", "that"):
        if ref and re.match(r"^\d{4}", ref):
            value = {"year": ref[:4], "month": ref[:7] if len(ref) >= 7 else None}.get(unit)
            if value:
                return "DATE", value
        return "DATE", None
    if anchor is None:
        return "DATE", None
    step = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1, "following": 1,
            "this": 0, "current": 0, "the": 0}.get(rel, 0)
    if unit == "weekend":
        saturday = anchor + timedelta(days=(5 - anchor.weekday()) % 7)
        if step < 0 or (step == 0 and direction < 0 and anchor.weekday() < 5):
            saturday -= timedelta(days=7)
        elif step > 0 and anchor.weekday() >= 5:
            saturday += timedelta(days=7)
        return "DATE", week_value(saturday) + "-WE"
    code = UNITS[unit]
    return "DATE", shift_date(anchor, step, code)


def rule_duration(t, anchor, direction, ref):
    if m := R_DURATION.match(t):
        if m["num"] is None and m["rel"] is None and not t.startswith(("a ", "an ")):
            return None
        unit = _unit(m["unit"])
        if unit == "weekend":
            return "DURATION", "P1WE" if m["num"] in (None, "a", "the") else "PXWE"
        if m["num"] is None and m["rel"] in ("last", "next", "coming", "this") and \
                not t.startswith("the "):
            return None
        n = number(m["num"]) if m["num"] else 1
        if m["num"] and re.fullmatch(r"(?:19|20)\d\d", m["num"]):
            return None
        return "DURATION", duration_value(n, unit)
    if m := R_BARE_UNITS.match(t):
        unit = _unit(m["unit"])
        if not t.endswith("s") and not m["unit2"]:
            return None
        return "DURATION", duration_value(None, unit)
    if m := re.fullmatch(rf"(?P<num>{NUM})[- ]and[- ]a[- ]half[- ]{UNIT}", t):
        n = number(m["num"])
        return "DURATION", duration_value(n + 0.5 if n is not None else None, _unit(m["unit"]))
    if m := re.fullmatch(rf"(?P<num>{NUM})[- ]{UNIT}[- ]old", t):
        return "DURATION", duration_value(number(m["num"]), _unit(m["unit"]))
    if m := re.fullmatch(r"(?:the )?(?:(?:early|mid|late|first|last|rest of the)\s+)?"
                         r"(?:all\s+|the\s+)?(?:day|night|morning|afternoon|evening)s?", t):
        return None
    return None


def rule_weekday(t, anchor, direction, ref):
    m = R_WEEKDAY.match(t) or R_DAYPART_WEEKDAY.match(t)
    if not m:
        return None
    weekday = weekday_number(m["weekday"])
    part = m["part"]
    rel = m.groupdict().get("rel")
    if anchor is None:
        return ("TIME" if part else "DATE"), None
    day = resolve_weekday(anchor, weekday, direction, rel).isoformat()
    if part:
        return "TIME", f"{day}T{DAY_PARTS[part]}"
    return "DATE", day


def rule_clock(t, anchor, direction, ref):
    """'10 p.m. Wednesday', 'noon Thursday', '5 p.m. EST Nov. 9', '6 a.m.', 'Friday at 3 p.m.'"""
    m = re.fullmatch(r"(?P<a>.*?)[, ]*(?:at\s+)?(?P<clock>(?:\d{1,2}(?:[:.]\d\d)?\s*(?:[ap]\.?\s?"
                     r"m\.?)(?:\s*(?:[a-z]{2,4}t|gmt|utc|local time))?)|\d{1,2}:\d\d"
                     r"(?:\s*(?:[a-z]{2,4}t|gmt|utc|local time))?|noon|midnight|\d{1,2} o'clock)"
                     r"[, ]*(?:(?:on|of)\s+)?(?P<b>.*)", t)
    if not m:
        return None
    c = R_CLOCK.fullmatch(m["clock"].strip()) or R_CLOCK.match(m["clock"].strip())
    if c is None:
        return None
    if c["named"]:
        hour, minute = (12, 0) if c["named"] in ("noon", "midday") else (24, 0)
    else:
        hour, minute = int(c["h"]), int(c["min"] or 0)
        ampm = (c["ampm"] or "").replace(".", "").replace(" ", "")
        if ampm == "pm" and hour < 12:
            hour += 12
        elif ampm == "am" and hour == 12:
            hour = 0
        if hour > 24 or minute > 59:
            return None
    rest = " ".join(x for x in (m["a"], m["b"]) if x and x.strip()).strip(" ,")
    day_value = None
    if rest:
        kind, day_value = normalise(rest, anchor, direction, ref)
        if kind not in ("DATE", "TIME") or day_value is None:
            return "TIME", None if anchor is None or rest else None
        day_value = day_value[:10]
        if not re.fullmatch(r"\d{4}-\d\d-\d\d", day_value):
            return "TIME", None
    elif anchor is not None:
        day_value = anchor.isoformat()
    else:
        return "TIME", None
    return "TIME", f"{day_value}T{hour:02d}:{minute:02d}"


def rule_daypart(t, anchor, direction, ref):
    m = re.fullmatch(rf"(?:this|early this|late this|earlier this|later this)\s+{DAYPART_RE}", t)
    if not m:
        return None
    if anchor is None:
        return "TIME", None
    return "TIME", f"{anchor.isoformat()}T{DAY_PARTS[m['part']]}"


RULES = [rule_refs, rule_numeric, rule_set, rule_relative_day, rule_ago, rule_year_earlier,
         rule_decade, rule_quarter, rule_season, rule_holiday, rule_month_day, rule_month,
         rule_year, rule_relative_period, rule_weekday, rule_daypart, rule_clock, rule_duration]
