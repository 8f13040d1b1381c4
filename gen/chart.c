/* Charts: see chart.h.  (Being written.) */
#include "report.h"
#include "extern.h"
