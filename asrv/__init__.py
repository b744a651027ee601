"""asrv: after-school service (课后服务) workbooks read, checked against policy, scored and published."""
__version__ = "0.1.0"
