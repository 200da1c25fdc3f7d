"""The hand-written part of the demo: the five named accounts, their company, fund, requests and forum.

These are the rows a person clicking through the demo meets first, so they tell a coherent story:
a Lao coffee exporter shipping by the China–Laos Railway and a Kunming fund looking for exactly that.
"""
from datetime import date, datetime, time, timedelta

from app.demo.drafts import InvestorDraft, Reference, RequestDraft, SmeDraft

DEMO_PASSWORD = "demo-password"
DEMO_ACCOUNTS: list[tuple[str, str]] = [
    ("sme@example.com", "sme"),
    ("investor@example.com", "investor"),
    ("organizer@example.com", "organizer"),
    ("evaluator@example.com", "evaluator"),
    ("admin@example.com", "admin"),
]
DEMO_FULL_NAMES = {
    "sme@example.com": "Khamphone Sisouphanh",
    "investor@example.com": "Chen Jing",
    "organizer@example.com": "Ploy Chaiyasit",
    "evaluator@example.com": "Dara Chea",
    "admin@example.com": "Tran Minh Duc",
}
# Its presence means the demo has been seeded (it is created in the same transaction as everything else).
SENTINEL_EMAIL = "admin@example.com"

FORUM = {
    "edition": 7,
    "title": "7th Lancang-Mekong Business Forum",
    "city": "Kunming",
    "country_code": "CN",
    "venue": "Kunming Dianchi International Convention and Exhibition Center",
    "timezone": "Asia/Shanghai",
    "registration_open": True,
    "max_meetings_per_participant": 8,
    "description": "Two mornings of pre-scheduled B2B meetings between SMEs from the six Lancang-Mekong countries "
                   "and investors, with a focus on agri-food value chains and cross-border logistics.",
}
FORUM_STARTS_AFTER_DAYS = 45
FORUM_DAYS = 2
SESSION_HOURS = (time(9, 0), time(13, 0))
MEETING_MINUTES = 30
TABLES_PER_SESSION = 30
# Registered besides the demo pair, so organizers find meetings to suggest (a real forum has 100-350).
REGISTERED_SMES, REGISTERED_INVESTORS = 60, 20


def _user(email: str, created_at: datetime) -> dict:
    return {"email": email, "full_name": DEMO_FULL_NAMES[email], "role": dict(DEMO_ACCOUNTS)[email],
            "created_at": created_at}


def staff_users(created_at: datetime) -> list[dict]:
    return [_user(email, created_at) for email, role in DEMO_ACCOUNTS if role not in ("sme", "investor")]


def _known(codes: list[str], allowed) -> list[str]:
    """Keep the codes the loaded reference data has, so edited reference CSVs never break the seed."""
    return [code for code in codes if code in allowed]


def showcase_sme(reference: Reference, created_at: datetime) -> SmeDraft:
    laos_corridors = set(reference.corridors.get("LA", []))
    laos_provinces = {code for code, _ in reference.provinces.get("LA", [])}
    profile = {
        "name": "Bolaven Highland Coffee Sole Co., Ltd.",
        "country_code": "LA",
        "province_code": next(iter(_known(["LA-CH"], laos_provinces)), None),   # Champasak
        "size_band": "small",
        "founded_year": 2012,
        "products": "Washed Arabica and Robusta green beans, medium-roast specialty coffee, instant coffee sachets",
        "offers": ["export_supply", "partnership"],
        "seeks": ["equity", "buyer_offtake"],
        "capital_min_usd": 250_000,
        "capital_max_usd": 600_000,
        "languages": ["en", "lo", "th"],
        "certifications": "Organic (EU), Rainforest Alliance, HACCP",
        "website": "https://bolaven-highland-coffee.example.com",
        "description": "Bolaven Highland Coffee grows and processes Arabica and Robusta with 1,200 smallholder "
                       "families on the Bolaven Plateau in Champasak. Since the China–Laos Railway opened it ships "
                       "green beans by rail from Vientiane to Kunming. It seeks USD 250k–600k in equity for a "
                       "roasting line and long-term offtake contracts with cafe chains in Yunnan.",
        "contact_name": DEMO_FULL_NAMES["sme@example.com"],
        "contact_email": "khamphone@bolaven-highland-coffee.example.com",
        "contact_phone": "+856 20 5512 3456",
        "published": True,
        "created_at": created_at,
        "updated_at": created_at,
        "published_at": created_at,
    }
    return SmeDraft(owner=_user("sme@example.com", created_at), profile=profile,
                    sectors=_known(["coffee", "agro-processing"], reference.sectors),
                    corridors=_known(["CLR", "NSEC-KM-VTE-BKK"], laos_corridors))


def showcase_investor(created_at: datetime) -> InvestorDraft:
    investor = {
        "name": "Lancang Capital Partners",
        "kind": "fund",
        "country_code": "CN",
        "description": "A Kunming-based fund backing agri-food, logistics and cross-border e-commerce SMEs along "
                       "the Lancang-Mekong corridors, with tickets from USD 100k to 5M and a team in Vientiane.",
        "website": "https://lancang-capital.example.com",
        "contact_name": DEMO_FULL_NAMES["investor@example.com"],
        "contact_email": "chen.jing@lancang-capital.example.com",
        "contact_phone": "+86 871 6512 3456",
        "created_at": created_at,
        "updated_at": created_at,
    }
    return InvestorDraft(owner=_user("investor@example.com", created_at), investor=investor,
                         focus=["coffee", "logistics-warehousing", "cross-border-ecommerce"])


# (title, description, sectors, countries, corridors, zones, deal types, sizes, ticket, deadline in days)
_REQUESTS = [
    ("Growth equity for specialty coffee and tea processors in Lao PDR and Myanmar",
     "Minority stakes in processors that add roasting, grading or packing capacity and can ship to Yunnan by the "
     "China–Laos Railway. Offtake agreements with our portfolio cafe chains are possible.",
     ["coffee", "tea", "agro-processing"], ["LA", "MM"], ["CLR", "NSEC-KM-VTE-BKK"], ["LA-SAYSETTHA"],
     ["equity", "buyer_offtake"], ["small", "medium"], (200_000, 1_500_000), 120),
    ("Cold-chain logistics on the Kunming–Bangkok route",
     "Co-investment in reefer trucking, cold storage and consolidation hubs for fresh fruit moving between Thailand, "
     "Lao PDR and Yunnan through Boten–Mohan.",
     ["logistics-warehousing", "tropical-fruit"], ["LA", "TH"], ["NSEC-KM-BKK-R3A", "NSEC-KM-VTE-BKK"],
     ["LA-BOTEN", "TH-SEZ-CHIANGRAI"], ["equity", "joint_venture"], ["medium", "large"], (1_000_000, 5_000_000), 180),
    ("Cross-border e-commerce sellers of Mekong foods",
     "Seed and early growth capital for online sellers bringing Vietnamese, Cambodian and Lao food brands to "
     "Chinese marketplaces, with distribution through our bonded warehouse in Pingxiang.",
     ["cross-border-ecommerce", "agro-processing"], ["VN", "KH", "LA"], ["NSEC-NN-HN", "CICPEC"],
     ["VN-DONGDANG-LANGSON-BGEZ"], ["equity", "distribution"], ["micro", "small"], (100_000, 800_000), 90),
]


def showcase_requests(reference: Reference, today: date, created_at: datetime) -> list[RequestDraft]:
    drafts = []
    for (title, description, sectors, countries, corridors, zones, deal_types, sizes, (low, high),
         deadline_days) in _REQUESTS:
        countries = _known(countries, reference.country_names)
        serving = {code for country in countries for code in reference.corridors.get(country, [])}
        in_countries = {code for country in countries for code in reference.zones.get(country, [])}
        request = {"title": title, "description": description, "deal_types": deal_types, "company_sizes": sizes,
                   "ticket_min_usd": low, "ticket_max_usd": high, "status": "open",
                   "deadline": today + timedelta(days=deadline_days), "created_at": created_at,
                   "updated_at": created_at}
        drafts.append(RequestDraft(investor_index=0, request=request, sectors=_known(sectors, reference.sectors),
                                   countries=countries, corridors=_known(corridors, serving),
                                   zones=_known(zones, in_countries)))
    return drafts
