#include "client-shared/call.h"

#include "client-shared/transport.h"

namespace cft::client {

void Call::cancel() {
  if (!state_ || state_->finished) return;
  state_->cancelled = true;
  // Safe whether the RPC is still running, done, or was never sent.
  state_->context.TryCancel();
}

bool Call::isRunning() const { return state_ && !state_->finished && !state_->cancelled; }

}  // namespace cft::client
