// cft_bench_echo: the transport ceiling. A gRPC sync server built with the
// same toolchain, generated code, TLS certificate and thread limit as cftd,
// that answers AuthService/WhoAmI with a reply prepared once: no database,
// no authentication, no logging. What it costs per call is what any cftd RPC
// pays before doing its own work (TLS, HTTP/2, protobuf, the sync server's
// threads), so each RPC's throughput is reported as a share of this one's.
#include <grpcpp/grpcpp.h>
#include <grpcpp/resource_quota.h>
#include <signal.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "cft/v1/auth.grpc.pb.h"

ABSL_FLAG(std::string, listen, "127.0.0.1:0", "Address to serve on (port 0: any free port)");
ABSL_FLAG(std::string, tls_cert, "", "PEM server certificate (the one cftd uses)");
ABSL_FLAG(std::string, tls_key, "", "PEM private key");
ABSL_FLAG(int, max_threads, 64, "Maximum threads serving calls (pass cftd's --max_threads)");
ABSL_FLAG(std::string, port_file, "", "Write the bound port to this file once serving");

namespace {

// A reply of the size and shape cftd sends for a clinician.
class EchoAuthService final : public cft::v1::AuthService::Service {
 public:
  EchoAuthService() {
    cft::v1::User* u = reply_.mutable_user();
    u->set_id(12);
    u->set_organisation_id(1);
    u->set_email("clinician01@bench.cft.example");
    u->set_display_name("Bench Clinician 01");
    u->set_role(cft::v1::ROLE_CLINICIAN);
    u->set_active(true);
    u->mutable_created_at()->set_seconds(1767225600);
    u->mutable_created_at()->set_nanos(123456000);
    reply_.set_organisation_name("Bench Clinic");
    reply_.mutable_session_expires_at()->set_seconds(1767268800);
    reply_.mutable_session_expires_at()->set_nanos(654321000);
  }

  grpc::Status WhoAmI(grpc::ServerContext*, const cft::v1::WhoAmIRequest*, cft::v1::WhoAmIResponse* resp) override {
    *resp = reply_;
    return grpc::Status::OK;
  }

 private:
  cft::v1::WhoAmIResponse reply_;
};

bool ReadFile(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::stringstream buf;
  buf << in.rdbuf();
  *out = buf.str();
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage("cft_bench_echo: a bare gRPC server over TLS, the benchmark's transport ceiling");
  absl::ParseCommandLine(argc, argv);
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  grpc::SslServerCredentialsOptions ssl;
  std::string cert;
  std::string key;
  if (!ReadFile(absl::GetFlag(FLAGS_tls_cert), &cert) || !ReadFile(absl::GetFlag(FLAGS_tls_key), &key)) {
    std::cerr << "cft_bench_echo: cannot read --tls_cert or --tls_key\n";
    return 1;
  }
  ssl.pem_key_cert_pairs.push_back({key, cert});

  EchoAuthService service;
  grpc::ServerBuilder builder;
  int port = 0;
  builder.AddListeningPort(absl::GetFlag(FLAGS_listen), grpc::SslServerCredentials(ssl), &port);
  builder.RegisterService(&service);
  grpc::ResourceQuota quota("cft_bench_echo");
  quota.SetMaxThreads(absl::GetFlag(FLAGS_max_threads));
  builder.SetResourceQuota(quota);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (server == nullptr || port == 0) {
    std::cerr << "cft_bench_echo: cannot listen on " << absl::GetFlag(FLAGS_listen) << "\n";
    return 1;
  }
  if (const std::string port_file = absl::GetFlag(FLAGS_port_file); !port_file.empty()) {
    std::ofstream out(port_file + ".tmp");
    out << port << "\n";
    out.close();
    std::rename((port_file + ".tmp").c_str(), port_file.c_str());
  }
  int signal_number = 0;
  sigwait(&stop_signals, &signal_number);
  server->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(2));
  server->Wait();
  return 0;
}
