// How a call's answer reaches the code that made it. Every facade method
// takes the caller's QObject (a page model, a dialog) and two callbacks; they
// run on the UI thread, exactly one of them, and neither if the caller has
// been destroyed or the call cancelled first (a null caller: nobody is
// told). No broadcast signals: nobody
// else hears the answer, and nobody filters answers by id.
#pragma once

#include <functional>
#include <memory>

#include "client-shared/rpc_error.h"

namespace cft::client {

template <typename T>
using Done = std::function<void(const T&)>;
using Failed = std::function<void(const RpcError&)>;

namespace detail {
class CallState;
}

// A handle on one call, held by its caller to cancel it (a newer request
// replaces an older one) or to show that it runs. Copies share the call.
// Dropping the handle does not cancel: the caller's lifetime bounds the
// callbacks. UI thread only.
class Call {
 public:
  Call() = default;
  explicit Call(std::shared_ptr<detail::CallState> state) : state_(std::move(state)) {}

  // The callbacks will not run, and the RPC is cancelled on the wire.
  void cancel();
  // Sent, and neither answered nor cancelled yet.
  bool isRunning() const;

 private:
  std::shared_ptr<detail::CallState> state_;
};

}  // namespace cft::client
