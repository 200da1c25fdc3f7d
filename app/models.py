"""Every table, imported in one place so that SQLModel.metadata (and Alembic) sees them all."""
from app.auth.models import LoginFailure, User  # noqa: F401
from app.evaluation.audit import ExportLog  # noqa: F401
from app.evaluation.models import ConstraintReport, FollowUp, InvestorRecommendation, MeetingFeedback  # noqa: F401
from app.forums.models import (  # noqa: F401
    Availability,
    Forum,
    ForumSession,
    ForumTable,
    Meeting,
    MeetingRequest,
    MeetingSeat,
    Notification,
    OutboxMessage,
    Registration,
    Slot,
)
from app.matches.models import DataChange, DataVersion, MatchInterest  # noqa: F401
from app.investors.models import (  # noqa: F401
    InvestmentRequest,
    Investor,
    RequestCorridor,
    RequestCountry,
    RequestSector,
    RequestZone,
)
from app.reference.models import (  # noqa: F401
    ConstraintCategory,
    Corridor,
    CorridorCountry,
    Country,
    ForumEdition,
    HsChapter,
    Province,
    Sector,
    SectorDivision,
    SectorHsChapter,
)
from app.smes.models import SmeCorridor, SmeProfile, SmeSector  # noqa: F401
from app.zones.models import BorderCrossing, CrossingCorridor, EconomicZone, ZoneCorridor, ZoneSector  # noqa: F401
