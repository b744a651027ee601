"""《国家学生体质健康标准（2014年修订）》 scored exactly from raw measurements, for a school or a
district's folder of schools.

    from asrv import fitness
    r = fitness.run(["各校体测/"], load_profile("default"))
    r.students     # one row per student: school, item scores, standard, bonus, total, rating…
    r.classes      # per (school, grade, class): tested, exempt, ratings, rates, mean total, veto list
    fitness.write(r, "asrv-out")

`score_fitness`, `ratings_by_class` and `has_raw_measurements` are what `asrv score --fitness` uses.
"""
from __future__ import annotations

from .load import has_raw_measurements
from .outputs import write
from .result import FitnessResult, Options
from .run import ratings_by_class, run, score_fitness

__all__ = ["run", "write", "Options", "FitnessResult", "score_fitness", "ratings_by_class",
           "has_raw_measurements"]
