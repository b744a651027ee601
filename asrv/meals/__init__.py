"""School lunch (午餐服务, 篇2 三(一)) checked per school (`asrv check-meals`): provision rate, the school
leader's accompanying meal (陪餐) and its record, problems put right, food samples.
`run(inputs, profile, options=Options(...)) -> MealsResult`, `write(result, out_dir)`;
`result.school_rates()` gives each school's rates for `asrv district`."""
from .outputs import write
from .result import MealsResult, Options
from .run import run

__all__ = ["run", "write", "Options", "MealsResult"]
