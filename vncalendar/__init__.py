"""Time and the Vietnamese working calendar, shared by the importer and the reminder jobs."""

from vncalendar.clock import Clock, ManualClock, SystemClock
from vncalendar.workdays import VIETNAM_TZ, WorkingCalendar

__all__ = ["VIETNAM_TZ", "Clock", "ManualClock", "SystemClock", "WorkingCalendar"]
