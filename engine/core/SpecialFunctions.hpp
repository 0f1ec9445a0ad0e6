#pragma once
// SpecialFunctions: the few special functions that distributions' cdf() and confidence
// intervals need, from Boost.Math (accurate far in the tails), behind the project's own
// contract: arguments checked (std::invalid_argument), infinite ends returned. Pure functions of
// dimensionless arguments.

namespace gigatwin::core {

/// Standard normal cdf Phi(z), accurate in both tails.
double normal_cdf(double z);

/// Inverse of Phi for p in (0,1); -inf/+inf at 0/1; accurate to a few ulp. Throws
/// std::invalid_argument for p outside [0,1] or NaN.
double normal_quantile(double p);

/// Regularized lower incomplete gamma P(a, x) = gamma(a, x) / Gamma(a), for a > 0, x >= 0.
double regularized_gamma_p(double a, double x);

/// Regularized incomplete beta I_x(a, b) for a, b > 0 and x in [0,1].
double regularized_beta(double a, double b, double x);

/// P(T > t) for Student's t with `dof` > 0 degrees of freedom (dof need not be an integer).
double student_t_upper_tail(double t, double dof);

/// Density of Student's t with `dof` > 0 degrees of freedom.
double student_t_pdf(double t, double dof);

} // namespace gigatwin::core
