"""The run context: what one command knows about its repository before it starts.

Built once per command (`RunContext.of`) and handed to every layer (rules, schedule, dues,
reports, assessment, site), so that each of these facts has one source:

- the configuration (dangjian.yaml), read here (`read_config`);
- the profile (规则集), its default named once (params.DEFAULT_PROFILE);
- the effective parameters, through one accessor (`param`) whose defaults come from the
  national table only (profiles.resolve);
- the checking day: the day asked for (--as-of) or today, never after 记录截至;
- the holiday calendar;
- the masking policy (ID and phone numbers masked unless asked).

`now()` is the only place the program reads the clock (`clock()`: today).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from dangjian.dates import SHANGHAI
from dangjian.layout import CONFIG_FILE
from dangjian.located import Loc
from dangjian.model import RepoConfig
from dangjian.params import DEFAULT_PROFILE, Effective
from dangjian.profiles import resolve
from dangjian.readfile import load_file
from dangjian.schedule.holidays import HolidayCalendar

UNNAMED = "（未命名）"


def now() -> dt.datetime:
    """The time now in Asia/Shanghai: the one reading of the clock."""
    return dt.datetime.now(SHANGHAI)


def clock() -> dt.date:
    """Today in Asia/Shanghai."""
    return now().date()


def read_config(source, files, problems: list, engine: str = "fast") -> RepoConfig:
    """dangjian.yaml through the one file reader; a missing or unreadable file gives the defaults
    (its problems are in `problems`)."""
    config = load_file(source, CONFIG_FILE, RepoConfig, problems, engine) if CONFIG_FILE in files else None
    return config or RepoConfig(name=UNNAMED, loc=Loc(CONFIG_FILE))


def profile_of(config: RepoConfig | None) -> str:
    """The profile (规则集) a configuration picks; the default when it names none."""
    return (config.profile if config is not None else None) or DEFAULT_PROFILE


def parameters(config: RepoConfig | None, profile: str | None = None) -> dict[str, Effective]:
    """The effective parameters: national, the profile's, then 参数, national floors kept.
    `profile` replaces the configuration's (dues commands' --profile)."""
    overrides = (config.parameters if config is not None else None) or {}
    return resolve(profile or profile_of(config), dict(overrides))


def checking_day(config: RepoConfig | None, day: dt.date) -> dt.date:
    """`day`, but never after 记录截至: nothing later is on record."""
    until = config.records_until if config is not None else None
    return min(day, until) if until else day


@dataclass
class RunContext:
    """One command's facts about its repository (see the module doc)."""

    config: RepoConfig
    now: dt.datetime  # the clock, read once (Asia/Shanghai)
    asked: dt.date | None = None  # --as-of / --date, when given
    root: Path | None = None
    source: object = field(default=None, repr=False)  # the loader's Source (work tree, index, revision)
    masked: bool = True
    profile_override: str | None = None
    problems: list = field(default_factory=list, repr=False)  # dangjian.yaml's load problems (read())

    @classmethod
    def read(cls, root: Path | None, source, asked: dt.date | None = None, masked: bool = True,
             today: dt.date | None = None, profile: str | None = None) -> RunContext:
        """The context of a repository read through `source` (None: no repository, the
        defaults): dangjian.yaml read here, its problems kept in `problems` (the run reports
        them as findings)."""
        problems: list = []
        files = source.files() if source is not None else []
        context = cls.of(read_config(source, files, problems), asked, root, source, masked, today, profile)
        context.problems = problems
        return context

    @classmethod
    def for_repo(cls, repo, asked: dt.date | None = None, masked: bool = True, today: dt.date | None = None,
                 profile: str | None = None) -> RunContext:
        """The context of a loaded repository (loader.Repository: its configuration, root and source)."""
        return cls.of(repo.config, asked, repo.root, getattr(repo, "source", None), masked, today, profile)

    @classmethod
    def of(cls, config: RepoConfig, asked: dt.date | None = None, root: Path | None = None, source=None,
           masked: bool = True, today: dt.date | None = None, profile: str | None = None) -> RunContext:
        moment = dt.datetime.combine(today, dt.time(), SHANGHAI) if today else now()
        return cls(config, moment, asked, root, source, masked, profile)

    @property
    def today(self) -> dt.date:
        return self.now.date()

    @property
    def day(self) -> dt.date:
        """The checking day: the day asked for, else today, never after 记录截至."""
        return checking_day(self.config, self.asked or self.today)

    @property
    def profile(self) -> str:
        return self.profile_override or profile_of(self.config)

    @cached_property
    def params(self) -> dict[str, Effective]:
        return parameters(self.config, self.profile_override)

    def param(self, name: str):
        """A parameter's effective value (None: not checked). KeyError for a name no table has."""
        return self.params[name].value

    def holidays(self, provisional: bool = False) -> HolidayCalendar:
        """The holiday calendar: the repository's holidays/ files, then chinese-calendar.
        `provisional` turns a year nobody has published into weekends only (marked so)."""
        cache = self.__dict__.setdefault("_holidays", {})
        if provisional not in cache:
            cache[provisional] = HolidayCalendar(self.root, provisional=provisional, source=self.source)
        return cache[provisional]
