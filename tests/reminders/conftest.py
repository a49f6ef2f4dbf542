from ..cases.personas import (  # noqa: F401 (fixtures)
    imu_fisher,
    insp_carr,
    north,
    outsider,
    pc_ali,
    ps_okafor,
    rev_evans,
    sgt_brown,
    south,
    supt_dale,
    yjt_supervisor,
)
