"""B2B meeting scheduling: requests -> (slot, table) per meeting, with a proven bound and reasons.

Pure: no web framework, database or I/O. See `solver` for the stages and `model` for the contract.
"""
from app.scheduling.model import MeetingRequest, Problem, Result
from app.scheduling.solver import schedule

__all__ = ["MeetingRequest", "Problem", "Result", "schedule"]
