// In-memory stand-ins for unit tests of domain services. The transaction
// runner gives fakes real rollback: each registered fake snapshots its state
// when a unit of work begins and restores it when the body fails.
#pragma once

#include <vector>

#include "absl/synchronization/mutex.h"
#include "services/audit/audit.h"
#include "services/common/unit_of_work.h"

namespace cft::testing {

class Transactional {
 public:
  virtual ~Transactional() = default;
  virtual void Begin() = 0;
  virtual void Rollback() = 0;
};

// Serialises units of work (one at a time), like a single connection would.
class FakeTransactionRunner final : public TransactionRunner {
 public:
  void Register(Transactional* fake) { fakes_.push_back(fake); }
  absl::Status Run(absl::FunctionRef<absl::Status(UnitOfWork&)> body) override {
    absl::MutexLock lock(&mu_);
    ++transactions_;
    UnitOfWork uow;
    for (auto* f : fakes_) f->Begin();
    absl::Status s = body(uow);
    if (!s.ok()) {
      for (auto* f : fakes_) f->Rollback();
      return s;
    }
    return uow.RunCommitHooks();
  }
  int transactions() const { return transactions_; }

 private:
  absl::Mutex mu_;
  std::vector<Transactional*> fakes_;
  int transactions_ = 0;
};

class FakeAuditRepository final : public audit::AuditRepository, public Transactional {
 public:
  absl::Status Append(UnitOfWork&, const audit::AuditRecord& record) override {
    records_.push_back(record);
    return absl::OkStatus();
  }
  void Begin() override { saved_ = records_; }
  void Rollback() override { records_ = saved_; }
  const std::vector<audit::AuditRecord>& records() const { return records_; }

 private:
  std::vector<audit::AuditRecord> records_;
  std::vector<audit::AuditRecord> saved_;
};

}  // namespace cft::testing
