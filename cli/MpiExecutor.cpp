#include "MpiExecutor.hpp"

#include <cstdlib>

#include "ExitCode.hpp"

#include "experiment/Replication.hpp"

#ifdef GIGATWIN_HAVE_MPI
#include <mpi.h>

#include <chrono>
#include <cstdint>
#include <cstring>
#include <deque>
#include <stdexcept>
#include <thread>
#include <vector>
#endif

namespace gigatwin::cli {

bool started_by_mpi_launcher() {
  for (const char* variable :
       {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_SIZE", "PMI_RANK", "MPI_LOCALNRANKS"})
    if (std::getenv(variable) != nullptr)
      return true;
  return false;
}

#ifndef GIGATWIN_HAVE_MPI
bool mpi_available() {
  return false;
}
int run_under_mpi(const experiment::ExperimentPlan&, const std::string&, const std::string&,
                  const std::function<int(experiment::RunExecutor&)>&) {
  throw std::logic_error("this gigatwin was built without MPI");
}
#else
bool mpi_available() {
  return true;
}

namespace {
constexpr int tag_ask = 1;  // worker -> 0: the run it finished (task < 0: none) and how it ended
constexpr int tag_run = 2;  // 0 -> worker: a run to execute
constexpr int tag_stop = 3; // 0 -> worker: no more runs

/// Fixed-size integers, then the error text: what travels between ranks.
struct Report {
  std::int64_t task = -1;
  std::int64_t status = 0;
  std::string message;
};

void send_report(const Report& r) {
  std::vector<char> bytes(2 * sizeof(std::int64_t) + r.message.size());
  std::memcpy(bytes.data(), &r.task, sizeof r.task);
  std::memcpy(bytes.data() + sizeof r.task, &r.status, sizeof r.status);
  std::memcpy(bytes.data() + 2 * sizeof r.task, r.message.data(), r.message.size());
  MPI_Send(bytes.data(), static_cast<int>(bytes.size()), MPI_BYTE, 0, tag_ask, MPI_COMM_WORLD);
}

Report receive_report(int source) {
  MPI_Status st;
  MPI_Probe(source, tag_ask, MPI_COMM_WORLD, &st);
  int n = 0;
  MPI_Get_count(&st, MPI_BYTE, &n);
  std::vector<char> bytes(static_cast<std::size_t>(n));
  MPI_Recv(bytes.data(), n, MPI_BYTE, st.MPI_SOURCE, tag_ask, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
  Report r;
  if (bytes.size() >= 2 * sizeof(std::int64_t)) {
    std::memcpy(&r.task, bytes.data(), sizeof r.task);
    std::memcpy(&r.status, bytes.data() + sizeof r.task, sizeof r.status);
    r.message.assign(bytes.data() + 2 * sizeof r.task, bytes.size() - 2 * sizeof r.task);
  }
  return r;
}

/// Rank 0's side: hands out runs, runs some itself, collects how they ended.
class Rank0Executor : public experiment::RunExecutor {
public:
  Rank0Executor(int size, std::string schedule)
      : size_(size), schedule_(std::move(schedule)), waiting_(static_cast<std::size_t>(size), false),
        stopped_(static_cast<std::size_t>(size), false) {}

  bool execute(const experiment::ExperimentPlan& plan, const std::vector<std::size_t>& runs,
               kernel::PoolCallbacks cb) override {
    std::vector<std::deque<std::size_t>> queues(schedule_ == "static" ? static_cast<std::size_t>(size_) : 1);
    for (std::size_t i = 0; i < runs.size(); ++i)
      queues[i % queues.size()].push_back(runs[i]);
    bool stopping = false;
    std::size_t outstanding = 0;
    auto take = [&](int rank) -> std::optional<std::size_t> {
      auto& q = queues[queues.size() == 1 ? 0 : static_cast<std::size_t>(rank)];
      if (stopping || q.empty())
        return std::nullopt;
      const std::size_t k = q.front();
      q.pop_front();
      return k;
    };
    auto dispatch = [&](int rank) {
      if (const auto k = take(rank)) {
        const std::int64_t msg[3] = {plan.runs[*k].point, plan.runs[*k].replication,
                                     static_cast<std::int64_t>(*k)};
        MPI_Send(msg, 3, MPI_INT64_T, rank, tag_run, MPI_COMM_WORLD);
        waiting_[static_cast<std::size_t>(rank)] = false;
        ++outstanding;
      }
    };
    auto service = [&] {
      for (;;) {
        int flag = 0;
        MPI_Status st;
        MPI_Iprobe(MPI_ANY_SOURCE, tag_ask, MPI_COMM_WORLD, &flag, &st);
        if (!flag)
          return;
        const Report r = receive_report(st.MPI_SOURCE);
        if (r.task >= 0) {
          --outstanding;
          kernel::ChildOutcome o;
          o.status = static_cast<kernel::ChildOutcome::Status>(r.status);
          o.payload = r.message;
          cb.on_done(static_cast<std::size_t>(r.task), o);
        }
        waiting_[static_cast<std::size_t>(st.MPI_SOURCE)] = true;
        dispatch(st.MPI_SOURCE);
      }
    };
    auto check_stop = [&] {
      if (!stopping && cb.stop_requested && cb.stop_requested()) {
        stopping = true;
        for (int r = 1; r < size_; ++r)
          send_stop(r);
      }
    };
    for (int r = 1; r < size_; ++r)
      if (waiting_[static_cast<std::size_t>(r)])
        dispatch(r);
    kernel::PoolCallbacks own = cb;
    own.next_task = [&] { return take(0); };
    own.on_tick = [&] {
      check_stop();
      service();
      if (cb.on_tick)
        cb.on_tick();
    };
    kernel::ProcessPool(1).run(own);
    while (outstanding > 0) {
      check_stop();
      service();
      if (cb.on_tick)
        cb.on_tick();
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return !stopping;
  }

  /// Tells every other rank there is no more work (after its first ask, if it has not asked yet).
  void finish() {
    for (int r = 1; r < size_; ++r) {
      if (stopped_[static_cast<std::size_t>(r)])
        continue;
      if (!waiting_[static_cast<std::size_t>(r)])
        receive_report(r);
      send_stop(r);
    }
  }

private:
  void send_stop(int rank) {
    if (stopped_[static_cast<std::size_t>(rank)])
      return;
    stopped_[static_cast<std::size_t>(rank)] = true;
    MPI_Send(nullptr, 0, MPI_BYTE, rank, tag_stop, MPI_COMM_WORLD);
  }

  int size_;
  std::string schedule_;
  std::vector<bool> waiting_; // the rank asked for work and got none yet
  std::vector<bool> stopped_; // the rank was told to stop
};

/// A rank other than 0: asks for runs and executes them until told to stop.
int serve_runs(const experiment::ExperimentPlan& plan, const std::string& parts_dir) {
  send_report(Report{});
  bool stop = false;
  bool interrupted = false;
  while (!stop) {
    MPI_Status st;
    MPI_Probe(0, MPI_ANY_TAG, MPI_COMM_WORLD, &st);
    if (st.MPI_TAG == tag_stop) {
      MPI_Recv(nullptr, 0, MPI_BYTE, 0, tag_stop, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
      break;
    }
    std::int64_t msg[3] = {0, 0, 0};
    MPI_Recv(msg, 3, MPI_INT64_T, 0, tag_run, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    // Rank 0 may have added replications (precision targets) this rank's plan does not have.
    experiment::ExperimentPlan one = plan;
    one.runs = {experiment::PlannedRun{msg[0], msg[1], experiment::run_id(msg[0], msg[1])}};
    Report report;
    report.task = msg[2];
    kernel::PoolCallbacks cb;
    bool given = false;
    cb.next_task = [&]() -> std::optional<std::size_t> {
      if (given)
        return std::nullopt;
      given = true;
      return 0;
    };
    cb.work = [&](std::size_t) { return experiment::execute_run_into(one, 0, parts_dir); };
    cb.on_done = [&](std::size_t, const kernel::ChildOutcome& o) {
      report.status = static_cast<std::int64_t>(o.status);
      report.message = o.status == kernel::ChildOutcome::Status::ok ? std::string() : o.payload;
    };
    cb.stop_requested = [&] {
      int flag = 0;
      MPI_Iprobe(0, tag_stop, MPI_COMM_WORLD, &flag, MPI_STATUS_IGNORE);
      if (flag) {
        MPI_Recv(nullptr, 0, MPI_BYTE, 0, tag_stop, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        stop = true;
      }
      return stop || experiment::interrupt_requested();
    };
    kernel::ProcessPool(1).run(cb);
    interrupted =
        interrupted || report.status == static_cast<std::int64_t>(kernel::ChildOutcome::Status::interrupted);
    send_report(report);
  }
  return interrupted ? exit_interrupted : exit_ok;
}
} // namespace

int run_under_mpi(const experiment::ExperimentPlan& plan, const std::string& parts_dir,
                  const std::string& schedule, const std::function<int(experiment::RunExecutor&)>& on_rank0) {
  MPI_Init(nullptr, nullptr);
  int rank = 0, size = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  int code = exit_ok;
  if (rank == 0) {
    Rank0Executor executor(size, schedule);
    code = on_rank0(executor);
    executor.finish();
  } else {
    code = serve_runs(plan, parts_dir);
  }
  MPI_Finalize();
  return code;
}
#endif

} // namespace gigatwin::cli
