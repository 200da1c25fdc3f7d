"""A match as the API returns it: who, how well, and why."""
from pydantic import BaseModel, ConfigDict


class MatchOut(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "id": 42, "name": "Bolaven Highland Coffee Co., Ltd.", "score": 86.5,
        "components": {"sector": 0.8, "corridor": 1.0, "deal": 1.0, "text": 0.31},
        "reasons": ["Same sector: Coffee", "Both on the China–Laos Railway (Kunming–Vientiane)",
                    "Seeks USD 250,000–600,000, inside the USD 100,000–1,000,000 ticket", "Both want: equity"]}]})

    id: int
    name: str
    score: float
    components: dict[str, float]
    reasons: list[str]
