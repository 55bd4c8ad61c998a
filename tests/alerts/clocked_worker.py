"""Start a Celery worker whose clock runs a fixed number of seconds from the real one.

The worker tests freeze their own clock on a chosen day and start the worker through this module with
the same offset (DCFP_CLOCK_OFFSET, in seconds), so the test and the worker agree on what "today" is and
two workers started one after the other agree with each other to the second.
"""

import os
import sys
import time

import time_machine

time_machine.travel(time.time() + float(os.environ["DCFP_CLOCK_OFFSET"]), tick=True).start()

from celery.__main__ import main  # noqa: E402  (the clock moves before Celery reads it)

sys.argv[0] = "celery"
main()
