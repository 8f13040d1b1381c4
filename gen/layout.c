/* The PDF layout engine.  (Being written.) */
#include "report.h"
#include "extern.h"
