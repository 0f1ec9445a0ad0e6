#pragma once
// MpiExecutor: spreads a batch's runs over the ranks of an MPI job (`mpirun -np N gigatwin batch
// ... --mpi`). Every rank loads the same sweep; rank 0 owns the batch (parts folder, results
// file, progress) and runs runs itself too; the other ranks ask rank 0 for a run, execute it in a
// child process into the shared parts folder, report how it ended and ask again. Schedules:
// `dynamic` (a rank gets the next run when it asks: uneven runs balance themselves) and `static`
// (rank r gets the runs at positions r, r+N, ... of each round). The parts folder must be on a
// file system every rank sees (the results file's folder).

#include "experiment/Experiment.hpp"
#include "experiment/ExperimentPlan.hpp"
#include "experiment/RunExecutor.hpp"

#include <functional>
#include <string>

namespace gigatwin::cli {

/// Whether this gigatwin was built with MPI.
bool mpi_available();

/// Whether an MPI launcher (mpirun/mpiexec of OpenMPI, MPICH or Intel MPI, or Slurm's srun)
/// started this process: without one, MPI_Init makes a job of one rank and --mpi would quietly
/// run the whole batch alone.
bool started_by_mpi_launcher();

/// Runs the batch under MPI: rank 0 runs `on_rank0(executor)` (which runs the experiment through
/// the executor and reports), the other ranks serve runs until rank 0 is done. Returns the exit
/// code of this rank. `schedule` is "dynamic" or "static".
int run_under_mpi(const experiment::ExperimentPlan& plan, const std::string& parts_dir,
                  const std::string& schedule, const std::function<int(experiment::RunExecutor&)>& on_rank0);

} // namespace gigatwin::cli
