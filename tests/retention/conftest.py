from ..cases.personas import (  # noqa: F401 (fixtures)
    imu_fisher,
    north,
    outsider,
    pc_ali,
    rev_evans,
    sgt_brown,
    south,
)
