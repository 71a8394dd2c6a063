// The clinician's tables: one ListTableModel per list, with its columns.
// Plain Qt value types in, display strings out; never protos. Made by the
// page models (and the facilitators dialog), which own them.
#pragma once

#include "client-shared/auth_types.h"
#include "client-shared/calendar_types.h"
#include "client-shared/cohort_types.h"
#include "client-shared/list_table_model.h"

namespace cft::clinician {

using CohortTableModel = client::ListTableModel<client::CohortInfo>;
using SessionTableModel = client::ListTableModel<client::SessionInfo>;
using ParticipantTableModel = client::ListTableModel<client::ParticipantInfo>;
using ReferralTableModel = client::ListTableModel<client::ReferralInfo>;
using FacilitatorTableModel = client::ListTableModel<client::FacilitatorInfo>;
using StaffTableModel = client::ListTableModel<client::UserInfo>;

CohortTableModel* makeCohortModel(QObject* parent);
SessionTableModel* makeSessionModel(QObject* parent);
ParticipantTableModel* makeParticipantModel(QObject* parent);
ReferralTableModel* makeReferralModel(QObject* parent);
FacilitatorTableModel* makeFacilitatorModel(QObject* parent);
StaffTableModel* makeStaffModel(QObject* parent);

QString weekdayName(int isoWeekday);

}  // namespace cft::clinician
