"""Pure, deterministic generation of demo rows (no database, no I/O): the same arguments give the same rows.

Timestamps are derived from `today`, not the clock, so that two runs with the same `today` are identical.
"""
import itertools
import random
import re
from datetime import UTC, date, datetime, time, timedelta

from app.demo import words
from app.demo.drafts import DemoData, InvestorDraft, Reference, RequestDraft, SmeDraft
from app.demo.showcase import showcase_investor, showcase_requests, showcase_sme, staff_users
from app.vocab import DealType, Offer, SizeBand

SEED = 20261123
CHINA_PROVINCES = ("CN-YN", "CN-GX")   # the Chinese side of the Lancang-Mekong cooperation
SME_COUNTRY_WEIGHTS = {"KH": 16, "LA": 16, "MM": 12, "TH": 22, "VN": 22, "CN": 12}
TARGET_COUNTRY_WEIGHTS = {"KH": 20, "LA": 20, "MM": 14, "TH": 16, "VN": 20, "CN": 10}
INVESTOR_COUNTRY_WEIGHTS = {"CN": 30, "TH": 25, "VN": 15, "KH": 5, "LA": 3, "MM": 2, None: 20}
INVESTOR_KIND_WEIGHTS = {"fund": 30, "corporate": 20, "bank": 12, "development_finance": 10, "angel": 10,
                         "trading_house": 18}
SIZE_WEIGHTS = {"micro": 25, "small": 40, "medium": 25, "large": 10}
# Plausible capital sought (USD) by company size: the range the lower bound is drawn from.
CAPITAL_BY_SIZE = {"micro": (20_000, 150_000), "small": (50_000, 800_000), "medium": (200_000, 3_000_000),
                   "large": (1_000_000, 10_000_000)}
SIZE_WORDS = {"micro": "family-run", "small": "small", "medium": "mid-sized", "large": "large"}
SIZES = [band.value for band in SizeBand]
OFFERS = [offer.value for offer in Offer]
DEAL_TYPES = [deal.value for deal in DealType]
TICKET_FLOOR, TICKET_CEILING = 50_000, 20_000_000


def default_investor_count(requests: int) -> int:
    return max(40, round(requests / 2.5))


def nice_round(amount: float) -> int:
    """Two significant figures, as people write money amounts: 236,412 -> 240,000."""
    magnitude = 10 ** max(len(str(int(amount))) - 2, 0)
    return int(round(amount / magnitude) * magnitude)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40].strip("-")


def corridor_phrase(name: str) -> str:
    """'NSEC: Kunming–Vientiane–Bangkok (2016 extension)' -> 'Kunming–Vientiane–Bangkok'."""
    route = re.sub(r" \(\d{4} extension\)", "", name)
    return route.split(": ", 1)[1] if ": " in route else f"the {route}"


def join_words(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def build_demo(reference: Reference, *, smes: int, requests: int, investors: int, today: date,
               seed: int = SEED) -> DemoData:
    """The showcase rows first (owned by the demo accounts), then the generated ones."""
    generator = DemoGenerator(reference, today=today, seed=seed)
    showcase_time = generator.stamp(days_ago=30)
    investor_drafts = [showcase_investor(showcase_time)]
    investor_drafts += [generator.investor(i) for i in range(1, investors + 1)]
    request_drafts = showcase_requests(reference, today, showcase_time)
    for i in range(requests):
        # Round-robin first so every generated investor has a request when there are enough of them.
        index = (1 + (i if i < investors else generator.rng.randrange(investors))) if investors else 0
        request_drafts.append(generator.request(index, investor_drafts[index]))
    return DemoData(
        staff=staff_users(showcase_time),
        smes=[showcase_sme(reference, showcase_time)] + [generator.sme(i) for i in range(1, smes + 1)],
        investors=investor_drafts,
        requests=request_drafts,
    )


class DemoGenerator:
    def __init__(self, reference: Reference, *, today: date, seed: int = SEED):
        self.reference = reference
        self.today = today
        self.rng = random.Random(seed)
        self.lead_sectors = [code for code in words.SECTOR_PROFILES if code in reference.sectors]
        self.lead_weights = [words.SECTOR_PROFILES[code].weight for code in self.lead_sectors]
        self.sme_provinces = {
            country: [p for p in provinces if country != "CN" or p[0] in CHINA_PROVINCES]
            for country, provinces in reference.provinces.items()
        }
        self.used_names: set[str] = set()

    # -- small draws -------------------------------------------------------------------------
    def weighted(self, weights: dict):
        return self.rng.choices(list(weights), weights=list(weights.values()))[0]

    def weighted_sample(self, weights: dict, k: int) -> list:
        pool = dict(weights)
        picked = []
        while pool and len(picked) < k:
            picked.append(self.weighted(pool))
            del pool[picked[-1]]
        return picked

    def some(self, items: list, counts: tuple[int, ...]) -> list:
        """A random subset whose size is drawn from `counts`, in the items' own order."""
        k = min(self.rng.choice(counts), len(items))
        chosen = set(self.rng.sample(range(len(items)), k))
        return [item for i, item in enumerate(items) if i in chosen]

    def stamp(self, *, days_ago: int) -> datetime:
        midnight = datetime.combine(self.today, time(0), tzinfo=UTC)
        return midnight - timedelta(days=days_ago, minutes=self.rng.randrange(24 * 60))

    def person(self, country: str) -> tuple[str, str]:
        """(full name, e-mail local part) in the naming customs of the country."""
        parts = words.PEOPLE[country]
        if not parts.family:
            name = " ".join(self.rng.sample(parts.given, self.rng.choice((2, 2, 3))))
            return name, slug(name).replace("-", "")
        family, given = self.rng.choice(parts.family), self.rng.choice(parts.given)
        name = f"{family} {given}" if parts.family_first else f"{given} {family}"
        return name, f"{slug(given).replace('-', '')}.{slug(family)}"

    def phone(self, country: str) -> str:
        phone = words.PHONE_FORMATS[country]
        digits = [str(self.rng.randrange(10 ** (n - 1), 10 ** n)) for n in phone.groups]
        return " ".join([phone.calling_code, self.rng.choice(phone.mobile_prefixes), *digits])

    def sectors(self, lead: str | None = None) -> list[str]:
        lead = lead or self.rng.choices(self.lead_sectors, weights=self.lead_weights)[0]
        related = [code for code in words.SECTOR_PROFILES[lead].related if code in self.reference.sectors]
        return [lead, *self.some(related, (0, 1, 1, 2))]

    def company_name(self, country: str, province: tuple[str, str], lead: str) -> tuple[str, str]:
        """A unique (company name, slug of its distinctive part), flavoured by country and sector."""
        places = words.PLACES[province[0] if country == "CN" else country]
        stems = words.SECTOR_PROFILES[lead].stems
        # Random draws first; a number only once they keep colliding, so the loop always ends.
        for attempt in itertools.count():
            roll = self.rng.random()
            head = (province[1] if roll < 0.25 else f"{self.rng.choice(words.ADJECTIVES)} {self.rng.choice(places)}"
                    if roll < 0.45 else self.rng.choice(places))
            if country == "CN" and not head.startswith(province[1]) and self.rng.random() < 0.5:
                head = f"{province[1]} {head}"   # Chinese firms usually carry their province: "Yunnan ..."
            core = f"{head} {self.rng.choice(stems)}" + (f" {attempt - 18}" if attempt >= 20 else "")
            name = f"{core} {self.rng.choice(words.LEGAL_FORMS[country])}"
            if name not in self.used_names:
                self.used_names.add(name)
                return name, slug(core)

    # -- rows ---------------------------------------------------------------------------------
    def sme(self, number: int) -> SmeDraft:
        rng, ref = self.rng, self.reference
        country = self.weighted(SME_COUNTRY_WEIGHTS)
        province = rng.choice(self.sme_provinces[country])
        sectors = self.sectors()
        profile_words = words.SECTOR_PROFILES[sectors[0]]
        name, name_slug = self.company_name(country, province, sectors[0])
        size = self.weighted(SIZE_WEIGHTS)
        founded = self.today.year - min(int(rng.expovariate(1 / 9)) + 1, 38)
        offers = self.some(OFFERS, (1, 1, 2))
        seeks = self.some(DEAL_TYPES, (1, 2, 2, 3))
        capital_min = capital_max = None
        if rng.random() < 0.85:
            low, high = CAPITAL_BY_SIZE[size]
            capital_min = nice_round(low * (high / low) ** rng.random())
            capital_max = nice_round(capital_min * rng.uniform(1.5, 4))
        corridors = self.some(ref.corridors.get(country, []), (1, 1, 2, 3))
        languages = ["en", words.LANGUAGES[country]] + (["zh"] if country != "CN" and rng.random() < 0.2 else [])
        contact, local_part = self.person(country)
        products = self.some(list(profile_words.products), (2, 2, 3))
        created = self.stamp(days_ago=rng.randrange(31, 720))
        updated = created + timedelta(days=rng.randrange(0, 30))
        published = rng.random() < 0.9
        description = (
            f"{name} is a {SIZE_WORDS[size]} company in {province[1]}, {ref.country_names[country]}, founded in "
            f"{founded}, offering {join_words(products)}. It {join_words([words.OFFER_PHRASES[o] for o in offers])}"
            + (f", trading along {corridor_phrase(ref.corridor_names[corridors[0]])}." if corridors else ".")
            + f" It is looking for {join_words([words.SEEK_PHRASES[s] for s in seeks])} to "
            f"{rng.choice(words.PURPOSES)}."
        )
        product_text = ", ".join(products)
        profile = {
            "name": name, "country_code": country, "province_code": province[0], "size_band": size,
            "founded_year": founded, "products": product_text[:1].upper() + product_text[1:], "offers": offers,
            "seeks": seeks, "capital_min_usd": capital_min, "capital_max_usd": capital_max, "languages": languages,
            "certifications": ", ".join(self.some(list(profile_words.certifications), (0, 1, 1, 2))),
            "website": f"https://{name_slug}.example.com", "description": description, "contact_name": contact,
            "contact_email": f"{local_part}@{name_slug}.example.com", "contact_phone": self.phone(country),
            "published": published, "created_at": created, "updated_at": updated,
            "published_at": updated if published else None,
        }
        owner = {"email": f"sme{number:05d}@demo.example.com", "full_name": contact,
                 "role": "sme", "created_at": created}
        return SmeDraft(owner=owner, profile=profile, sectors=sectors, corridors=corridors)

    def investor(self, number: int) -> InvestorDraft:
        rng = self.rng
        kind = self.weighted(INVESTOR_KIND_WEIGHTS)
        country = self.weighted(INVESTOR_COUNTRY_WEIGHTS)
        for attempt in itertools.count():   # one prefix, then two, then a number: always ends
            prefix = " ".join(rng.sample(words.INVESTOR_PREFIXES, 1 if attempt < 10 else 2))
            numbered = f" {attempt - 28}" if attempt >= 30 else ""
            name = f"{prefix} {rng.choice(words.INVESTOR_SUFFIXES[kind])}{numbered}"
            if name not in self.used_names:
                self.used_names.add(name)
                break
        focus = [self.sectors()[0] for _ in range(rng.choice((1, 2, 3)))]
        topics = sorted({words.SECTOR_PROFILES[code].topic for code in focus})
        home = f"based in {self.reference.country_names[country]}" if country else "working region-wide"
        contact_country = country or rng.choice(list(words.PEOPLE))
        contact, local_part = self.person(contact_country)
        created = self.stamp(days_ago=rng.randrange(31, 720))
        investor = {
            "name": name, "kind": kind, "country_code": country,
            "description": f"{name} is a {words.INVESTOR_KIND_NOUNS[kind]} {home} that backs "
                           f"{join_words(topics)} across the Lancang-Mekong region.",
            "website": f"https://{slug(name)}.example.com", "contact_name": contact,
            "contact_email": f"{local_part}@{slug(name)}.example.com",
            "contact_phone": self.phone(contact_country), "created_at": created, "updated_at": created,
        }
        owner = {"email": f"investor{number:04d}@demo.example.com", "full_name": contact, "role": "investor",
                 "created_at": created}
        return InvestorDraft(owner=owner, investor=investor, focus=focus)

    def request(self, investor_index: int, investor: InvestorDraft) -> RequestDraft:
        rng, ref = self.rng, self.reference
        lead = rng.choice(investor.focus) if investor.focus and rng.random() < 0.7 else None
        sectors = self.sectors(lead)
        countries = self.weighted_sample(TARGET_COUNTRY_WEIGHTS, rng.choice((1, 1, 2, 2, 3)))
        serving = sorted({code for country in countries for code in ref.corridors.get(country, [])})
        zones = sorted(code for country in countries for code in ref.zones.get(country, []))
        kind_deals = list(words.INVESTOR_DEALS[investor.investor["kind"]])
        deal_types = self.some(kind_deals, (1, 1, 2))
        if rng.random() < 0.25:
            deal_types = sorted({*deal_types, rng.choice(DEAL_TYPES)})
        first_size = rng.choices(range(len(SIZES)), weights=(20, 40, 30, 10))[0]
        sizes = SIZES[first_size:first_size + rng.choice((1, 2, 2, 3))]
        ticket_min = max(TICKET_FLOOR, nice_round(TICKET_FLOOR * 100 ** rng.random()))
        ticket_max = min(TICKET_CEILING, nice_round(ticket_min * rng.uniform(2, 8)))
        country_words = join_words([ref.country_names[c] for c in countries])
        topic = words.SECTOR_PROFILES[sectors[0]].topic
        created = self.stamp(days_ago=rng.randrange(1, 120))
        request = {
            "title": f"{words.DEAL_PHRASES[deal_types[0]]} for {topic} in {country_words}",
            "description": f"{investor.investor['name']} is looking for {join_words(sizes)} {topic} in "
                           f"{country_words}, with tickets of USD {ticket_min:,} to {ticket_max:,}. Companies with "
                           f"export certification and a track record of cross-border sales are preferred.",
            "deal_types": deal_types, "company_sizes": sizes, "ticket_min_usd": ticket_min,
            "ticket_max_usd": ticket_max, "status": "open" if rng.random() < 0.85 else "closed",
            "deadline": self.today + timedelta(days=rng.randrange(30, 271)), "created_at": created,
            "updated_at": created,
        }
        return RequestDraft(investor_index=investor_index, request=request, sectors=sectors, countries=countries,
                            corridors=self.some(serving, (0, 1, 1, 2)), zones=self.some(zones, (0, 0, 1, 2)))
