"""Word lists for believable demo content: sector profiles, places, legal forms and people's names.

Plain ASCII throughout, so that names slug cleanly into example.com addresses.
"""
from typing import NamedTuple


class SectorProfile(NamedTuple):
    weight: int             # how often the sector leads a demo SME or request
    stems: tuple[str, ...]  # the trade part of a company name
    topic: str              # who an investment request is after, in words
    products: tuple[str, ...]
    related: tuple[str, ...]  # sectors that a company in this one often also lists
    certifications: tuple[str, ...]


# Weighted towards what the region's SMEs actually trade: agri-food, garments, logistics, e-commerce, rubber, wood.
SECTOR_PROFILES: dict[str, SectorProfile] = {
    "coffee": SectorProfile(6, ("Highland Coffee", "Arabica Roasters", "Coffee Estate", "Coffee Growers"),
                            "coffee growers and roasters",
                            ("green Arabica beans", "washed Robusta", "roasted specialty coffee", "instant coffee",
                             "cold brew concentrate"), ("agro-processing", "10", "01", "cross-border-ecommerce"),
                            ("Organic (EU)", "Rainforest Alliance", "Fairtrade", "HACCP")),
    "rice": SectorProfile(6, ("Rice Mill", "Jasmine Rice", "Paddy Trading", "Grain Exporters"),
                          "rice millers and exporters",
                          ("jasmine rice", "sticky rice", "parboiled rice", "organic brown rice", "rice bran oil"),
                          ("agro-processing", "01", "10", "46"), ("GAP", "HACCP", "Organic (EU)", "ISO 22000")),
    "tea": SectorProfile(4, ("Tea Garden", "Tea Industry", "Ancient Tea", "Tea House"), "tea growers and processors",
                         ("Pu'er tea cakes", "green tea", "black tea", "oolong", "herbal infusions"),
                         ("agro-processing", "01", "11", "cross-border-ecommerce"), ("Organic (EU)", "HACCP", "GAP")),
    "rubber": SectorProfile(5, ("Rubber", "Latex Industries", "Rubber Products", "Rubber Plantation"),
                            "rubber processors", ("ribbed smoked sheets", "block rubber (STR 20)", "latex concentrate",
                                                  "rubber gloves", "rubber flooring"),
                            ("22", "01", "46"), ("FSC", "ISO 9001", "ISO 14001")),
    "cassava": SectorProfile(4, ("Tapioca", "Cassava Starch", "Agro Starch"), "cassava and starch processors",
                             ("native tapioca starch", "cassava chips", "modified starch", "tapioca pearls"),
                             ("agro-processing", "10", "01"), ("HACCP", "ISO 22000", "Halal")),
    "sugarcane": SectorProfile(2, ("Sugar", "Cane Sugar", "Sugar Mill"), "sugar mills and cane growers",
                               ("raw cane sugar", "refined sugar", "molasses", "bagasse pellets"),
                               ("agro-processing", "10", "renewable-energy"), ("Bonsucro", "ISO 22000", "Halal")),
    "tropical-fruit": SectorProfile(6, ("Fruits", "Durian Export", "Fresh Fruit", "Orchard"),
                                    "fruit growers, packers and exporters",
                                    ("fresh durian", "dragon fruit", "mangoes", "longan", "dried mango",
                                     "frozen durian pulp", "banana chips"),
                                    ("agro-processing", "logistics-warehousing", "01", "10", "cross-border-ecommerce"),
                                    ("GACC registration", "GAP", "GlobalG.A.P.", "HACCP")),
    "aquaculture-fisheries": SectorProfile(4, ("Seafood", "Aquaculture", "Fisheries", "Shrimp Farm"),
                                           "aquaculture and seafood processors",
                                           ("frozen pangasius fillets", "black tiger shrimp", "tilapia", "fish sauce",
                                            "dried fish"), ("03", "10", "agro-processing"),
                                           ("ASC", "BAP", "HACCP", "BRCGS")),
    "livestock-meat": SectorProfile(2, ("Livestock", "Meat Products", "Cattle Ranch"), "livestock and meat processors",
                                    ("live cattle", "frozen beef", "pork sausages", "poultry"),
                                    ("01", "10", "75"), ("HACCP", "Halal", "GMP")),
    "wood-furniture": SectorProfile(5, ("Furniture", "Woodcraft", "Timber Products", "Wood Industries"),
                                    "wood processors and furniture makers",
                                    ("rubberwood furniture", "plywood", "rattan chairs", "wooden flooring",
                                     "bamboo homeware"), ("16", "31", "handicrafts"), ("FSC", "PEFC", "ISO 9001")),
    "garments-textiles": SectorProfile(8, ("Garment", "Apparel", "Textile", "Knitwear", "Silk"),
                                       "garment and textile manufacturers",
                                       ("cotton T-shirts", "workwear", "knitted sweaters", "silk scarves",
                                        "denim jeans", "sportswear"), ("13", "14", "footwear-leather"),
                                       ("WRAP", "amfori BSCI", "OEKO-TEX Standard 100", "GOTS")),
    "footwear-leather": SectorProfile(3, ("Footwear", "Shoes", "Leather Goods"), "footwear and leather makers",
                                      ("sports shoes", "sandals", "leather handbags", "travel bags"),
                                      ("15", "garments-textiles"), ("amfori BSCI", "Leather Working Group")),
    "electronics": SectorProfile(2, ("Electronics", "Electric", "Cable & Wire"), "electronics assemblers",
                                 ("wire harnesses", "printed circuit assemblies", "LED lighting", "small appliances"),
                                 ("26", "27", "automotive-parts"), ("ISO 9001", "IATF 16949", "RoHS")),
    "automotive-parts": SectorProfile(2, ("Auto Parts", "Motor Components", "Precision Parts"),
                                      "automotive parts suppliers",
                                      ("brake pads", "motorcycle parts", "wire harnesses", "rubber seals"),
                                      ("29", "22", "electronics"), ("IATF 16949", "ISO 9001", "ISO 14001")),
    "agro-processing": SectorProfile(8, ("Agro Products", "Food Industries", "Agri-Food", "Foods"),
                                     "agro-food processors",
                                     ("instant noodles", "chili sauce", "dried fruit snacks", "coconut milk",
                                      "canned bamboo shoots", "rice crackers", "herbal drinks"),
                                     ("10", "11", "01", "tropical-fruit", "cassava", "logistics-warehousing"),
                                     ("HACCP", "ISO 22000", "GMP", "Halal", "FSSC 22000")),
    "logistics-warehousing": SectorProfile(7, ("Logistics", "Freight & Transport", "Cold Chain", "Express"),
                                           "logistics and cold-chain operators",
                                           ("cross-border trucking", "cold storage", "customs brokerage",
                                            "rail freight forwarding", "bonded warehousing"),
                                           ("49", "52", "53", "cross-border-ecommerce"), ("ISO 9001", "AEO", "GDP")),
    "cross-border-ecommerce": SectorProfile(6, ("Online Trade", "E-Commerce", "Digital Trade", "Marketplace"),
                                            "cross-border e-commerce sellers",
                                            ("online marketplace for regional foods", "live-stream sales",
                                             "fulfilment services", "B2B ordering platform"),
                                            ("47", "46", "62", "logistics-warehousing", "digital-ict"),
                                            ("ISO/IEC 27001",)),
    "tourism-hospitality": SectorProfile(3, ("Travel", "Resort", "Hospitality", "Eco Lodge"),
                                         "tourism and hospitality businesses",
                                         ("boutique hotel rooms", "eco-tours", "river cruises", "MICE services"),
                                         ("55", "56", "79"), ("Green Hotel", "ASEAN Homestay Standard")),
    "renewable-energy": SectorProfile(2, ("Solar", "Green Energy", "Hydro Power", "Biomass Energy"),
                                      "renewable-energy developers",
                                      ("rooftop solar systems", "biomass pellets", "small hydro power",
                                       "solar water pumps"), ("35", "43"), ("ISO 14001", "ISO 9001")),
    "mining-minerals": SectorProfile(1, ("Minerals", "Mining", "Stone"), "mineral processors",
                                     ("barite", "limestone", "gypsum", "potash"), ("08", "23"),
                                     ("ISO 14001", "ISO 45001")),
    "digital-ict": SectorProfile(3, ("Digital", "Software", "Tech", "IT Solutions"), "digital and software companies",
                                 ("farm-management software", "mobile payments", "ERP for SMEs",
                                  "logistics tracking apps"), ("62", "63", "cross-border-ecommerce"),
                                 ("ISO/IEC 27001", "CMMI Level 3")),
    "healthcare-pharma": SectorProfile(2, ("Pharma", "Herbal Medicine", "Medical Supplies"),
                                       "pharmaceutical and herbal-medicine makers",
                                       ("herbal medicines", "generic tablets", "medical gloves", "traditional balms"),
                                       ("21", "86"), ("GMP", "ISO 13485")),
    "construction-materials": SectorProfile(2, ("Building Materials", "Cement", "Steel"),
                                            "building-materials producers",
                                            ("cement", "ceramic tiles", "steel roofing", "concrete blocks"),
                                            ("23", "24", "41"), ("ISO 9001", "TIS")),
    "handicrafts": SectorProfile(3, ("Handicrafts", "Weaving", "Crafts", "Silk Weavers"), "handicraft producers",
                                 ("hand-woven silk", "bamboo baskets", "lacquerware", "silver jewellery"),
                                 ("32", "13", "wood-furniture"), ("WFTO Fair Trade",)),
    "10": SectorProfile(4, ("Food Products", "Foods", "Food Processing"), "food manufacturers",
                        ("canned fruit", "frozen vegetables", "fish sauce", "soy sauce", "bakery products"),
                        ("agro-processing", "11", "01"), ("HACCP", "ISO 22000", "GMP", "Halal")),
    "14": SectorProfile(3, ("Apparel", "Fashion", "Uniforms"), "apparel makers",
                        ("school uniforms", "polo shirts", "baby clothes", "hospital scrubs"),
                        ("garments-textiles", "13"), ("WRAP", "amfori BSCI")),
    "46": SectorProfile(3, ("Trading", "Import Export", "Distribution"), "wholesalers and distributors",
                        ("fast-moving consumer goods", "agricultural inputs", "building supplies", "fresh produce"),
                        ("47", "logistics-warehousing", "cross-border-ecommerce"), ("ISO 9001",)),
    "62": SectorProfile(1, ("Software", "Systems", "Digital Labs"), "software developers",
                        ("custom software", "e-invoicing", "mobile apps", "cloud hosting"),
                        ("digital-ict", "63"), ("ISO/IEC 27001",)),
}

# (ISO 3166 code, flavoured place words) -- China only Yunnan and Guangxi, keyed by province.
PLACES: dict[str, tuple[str, ...]] = {
    "KH": ("Angkor", "Tonle Sap", "Mekong", "Kampot", "Cardamom", "Bayon", "Khmer Gold", "Naga"),
    "LA": ("Bolaven", "Mekong", "Lane Xang", "Phou Bia", "Nam Ou", "Champa", "Golden Lao", "Sekong"),
    "MM": ("Shan Hills", "Ayeyarwady", "Golden Land", "Inle", "Mandalay", "Bagan", "Chindwin", "Thanlwin"),
    "TH": ("Lanna", "Isan", "Siam", "Chao Phraya", "Doi Tung", "Andaman", "Korat", "Sukhothai"),
    "VN": ("Red River", "Mekong Delta", "Truong Son", "Ha Long", "Central Highlands", "Saigon", "Hoa Binh", "Lotus"),
    "CN-YN": ("Dianchi", "Pu'er", "Xishuangbanna", "Lancang", "Honghe", "Lijiang", "Dehong", "Spring City"),
    "CN-GX": ("Beibu Gulf", "Guilin", "Zuojiang", "Bagui", "Nanning", "Youjiang", "Pingxiang", "Liuzhou"),
}
ADJECTIVES = ("Green", "Golden", "Royal", "Twin Rivers", "New Horizon", "Evergreen", "Silver", "Jade", "Lotus",
              "Sunrise", "Monsoon", "Unity")
LEGAL_FORMS: dict[str, tuple[str, ...]] = {
    "KH": ("Co., Ltd.", "Import Export Co., Ltd."),
    "LA": ("Sole Co., Ltd.", "Co., Ltd.", "Export-Import Co., Ltd."),
    "MM": ("Company Limited", "Co., Ltd."),
    "TH": ("Co., Ltd.", "Company Limited", "Limited Partnership"),
    "VN": ("Joint Stock Company", "Co., Ltd.", "Trading JSC"),
    "CN": ("Co., Ltd.", "Trading Co., Ltd.", "Industrial Co., Ltd."),
}

LANGUAGES = {"KH": "km", "LA": "lo", "MM": "my", "TH": "th", "VN": "vi", "CN": "zh"}


class NameParts(NamedTuple):
    family: tuple[str, ...]
    given: tuple[str, ...]
    family_first: bool


PEOPLE: dict[str, NameParts] = {
    "KH": NameParts(("Chea", "Sok", "Keo", "Heng", "Lim", "Chhim", "Meas", "Prak", "Ly", "Nhem"),
                    ("Sokha", "Dara", "Vanna", "Sophea", "Chenda", "Rithy", "Bopha", "Piseth", "Sreymom", "Vuthy"),
                    True),
    "LA": NameParts(("Sisouphanh", "Phommachanh", "Vongsa", "Sisavath", "Keomany", "Inthavong", "Douangmala",
                     "Phanthavong", "Luangrath", "Sayavong"),
                    ("Khamphone", "Souksavanh", "Noy", "Phonesavanh", "Bounmy", "Vilayvanh", "Somphone", "Keo",
                     "Chanthala", "Latsamy"), False),
    # Burmese names have no family name: two or three syllables make the whole name.
    "MM": NameParts((), ("Aung", "Kyaw", "Moe", "Thida", "Win", "Htet", "Naing", "Su", "Myat", "Zaw", "Hlaing",
                         "Thu", "Nwe", "Khin", "Phyo", "Min", "Tun", "Aye"), False),
    "TH": NameParts(("Srisuk", "Wongsawat", "Saetang", "Chaiyasit", "Rattanakorn", "Boonmee", "Phongphan",
                     "Suwannarat", "Kongkaew", "Thongchai"),
                    ("Somchai", "Nattaya", "Kittipong", "Siriporn", "Anan", "Pimchanok", "Wichai", "Supaporn",
                     "Thanakorn", "Chutima"), False),
    "VN": NameParts(("Nguyen", "Tran", "Le", "Pham", "Hoang", "Vu", "Dang", "Bui", "Do", "Ngo"),
                    ("Van An", "Thi Binh", "Minh Hoa", "Thi Lan", "Duc Hung", "Thi Mai", "Quang Tuan", "Thuy Linh",
                     "Ngoc Thao", "Dang Khoa"), True),
    "CN": NameParts(("Li", "Wang", "Zhang", "Liu", "Chen", "Yang", "Zhao", "Duan", "Nong", "Wei", "Huang", "Zhou"),
                    ("Wei", "Min", "Jing", "Hao", "Lei", "Yan", "Xiaoming", "Lihua", "Jun", "Fang", "Yuting",
                     "Zhiqiang"), True),
}


class PhoneFormat(NamedTuple):
    calling_code: str
    mobile_prefixes: tuple[str, ...]   # the operator part after the calling code
    groups: tuple[int, ...]            # digits in each following group


PHONE_FORMATS = {
    "KH": PhoneFormat("+855", ("12", "15", "17", "77", "89", "96"), (3, 3)),
    "LA": PhoneFormat("+856", ("20",), (4, 4)),
    "MM": PhoneFormat("+95", ("9",), (4, 4)),
    "TH": PhoneFormat("+66", ("61", "81", "86", "89", "91", "95"), (3, 4)),
    "VN": PhoneFormat("+84", ("90", "91", "93", "96", "98", "88"), (3, 4)),
    "CN": PhoneFormat("+86", ("138", "139", "150", "158", "186", "187"), (4, 4)),
}

INVESTOR_PREFIXES = ("Mekong", "Lancang", "Indochina", "Golden Triangle", "Greater Mekong", "ASEAN Bridge",
                     "Silk Road", "Dragon Gate", "Lotus", "Twin Rivers", "Jade", "Monsoon", "Saffron", "Pearl River",
                     "Delta", "Highland", "Frontier", "Southern Gate", "Blue Water", "Harvest")
INVESTOR_SUFFIXES: dict[str, tuple[str, ...]] = {
    "fund": ("Capital Partners", "Growth Fund", "Ventures", "Agri Fund", "Impact Partners", "Private Equity"),
    "corporate": ("Holdings", "Group", "Industries", "Corporation"),
    "bank": ("Commercial Bank", "Bank", "Trade Finance Bank"),
    "development_finance": ("Development Finance Corporation", "SME Development Fund", "Development Bank"),
    "angel": ("Angels Network", "Angel Syndicate", "Business Angels"),
    "trading_house": ("Trading Corporation", "Trading House", "Import & Export Group"),
}
INVESTOR_KIND_NOUNS = {"fund": "investment fund", "corporate": "corporate investor", "bank": "commercial bank",
                       "development_finance": "development finance institution", "angel": "network of business angels",
                       "trading_house": "trading house"}
# The deal types each kind of investor tends to offer.
INVESTOR_DEALS: dict[str, tuple[str, ...]] = {
    "fund": ("equity", "joint_venture"),
    "corporate": ("joint_venture", "technology", "buyer_offtake"),
    "bank": ("loan",),
    "development_finance": ("loan", "equity", "technology"),
    "angel": ("equity",),
    "trading_house": ("buyer_offtake", "distribution"),
}
DEAL_PHRASES = {"equity": "Growth equity", "loan": "Working-capital and term loans",
                "joint_venture": "Joint-venture partners", "buyer_offtake": "Offtake contracts",
                "distribution": "Distribution partners", "technology": "Technology partnerships"}
SEEK_PHRASES = {"equity": "equity investors", "loan": "lenders", "joint_venture": "joint-venture partners",
                "buyer_offtake": "long-term buyers", "distribution": "distributors",
                "technology": "technology partners"}
OFFER_PHRASES = {"export_supply": "supplies export markets", "partnership": "welcomes partnerships",
                 "distribution": "distributes for partners"}
PURPOSES = ("expand processing capacity", "meet Chinese import standards", "open a second production line",
            "build a cold-chain warehouse", "reach buyers in Yunnan and Guangxi", "upgrade to export certification",
            "finance seasonal working capital", "digitise sales and traceability")
