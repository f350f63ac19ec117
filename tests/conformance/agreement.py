"""The figure each oracle module reports: how often the engine agrees with an outside program."""

from __future__ import annotations

from typing import NamedTuple


class Agreement(NamedTuple):
    """`agreed` of `total` cases agree with `oracle`; `target` is the share the tests demand."""

    name: str
    oracle: str
    agreed: int
    total: int
    target: float
    exceptions: tuple[str, ...] = ()   # cases left out as documented, deliberate differences

    @property
    def share(self) -> float:
        return self.agreed / self.total if self.total else 1.0

    def line(self) -> str:
        return (f"{self.name}: {self.agreed}/{self.total} agree with {self.oracle} "
                f"({100 * self.share:.1f} %, target {100 * self.target:.0f} %)")
