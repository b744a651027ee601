"""Enrolment reads what the survey reads (asrv.survey.batch, no copy), with one more demand on the
catalogue: every activity says how many places it has."""
from __future__ import annotations

from pathlib import Path

from ..findings import Progress, no_progress
from ..survey import catalog
from ..survey.batch import Batch, read_inputs
from .rules import capacity_given


def load_catalog(path: Path, profile) -> catalog.Catalogue:
    """A catalogue file fit to allot from; InputError (with every problem) otherwise."""
    return catalog.load_catalog(path, profile, check=capacity_given)


def load(inputs, profile, options, progress: Progress = no_progress) -> Batch:
    return read_inputs(inputs, options.catalog, profile, options, progress, catalog_loader=load_catalog)
