// cft.v1.ReportService messages <-> the value types of report_types.h. Core only.
#pragma once

#include "cft/v1/report.pb.h"
#include "client-shared/report_types.h"

namespace cft::client {

ExportFormat fromProto(v1::ExportFormat f);
ExportMode fromProto(v1::ExportMode m);
v1::ExportFormat toProto(ExportFormat f);
v1::ExportMode toProto(ExportMode m);
v1::ExportOutcomesRequest toProto(const ExportRequestInput& input);
ExportHeaderInfo fromProto(const v1::ExportHeader& h);
ExportChunk fromProto(const v1::ExportOutcomesResponse& r);

}  // namespace cft::client
