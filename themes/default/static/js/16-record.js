/* ingroup runtime: the completion record behind the certificate, the export and the supervisor
   view (pure, no DOM; unit-tested with node --test). Completion is the model's own
   (IG.model.progress): the course is complete when every module is. */
(function (IG) {
  "use strict";
  var M = IG.model;
  var BASE32 = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"; // Crockford: no I, L, O, U

  /** { progress, complete, at (completion date, ms), left: [module status] } of a state. */
  function completion(course, state) {
    var p = M.progress(course, state);
    var left = p.modules.filter(function (m) { return !m.complete; });
    var complete = p.modules.length > 0 && !left.length;
    var at = complete ? Math.max.apply(null, p.modules.map(function (m) { return m.completedAt; })) : 0;
    return { progress: p, complete: complete, at: at, left: left };
  }

  /** The learner's name as stored ("" when not given). */
  function learnerName(state) { return state.learner ? state.learner.name.trim() : ""; }

  /**
   * The canonical text of what a certificate attests: course, version, name, completion date,
   * each module's completion date and each scored quiz's best score. The same progress record
   * gives the same text in the learner's browser and in the supervisor view.
   */
  function canonical(course, state, c) {
    var quizzes = [];
    c.progress.modules.forEach(function (m) {
      m.quizzes.forEach(function (q) { if (q.scored && q.best) quizzes.push([q.id, q.best.score, q.best.total]); });
    });
    return JSON.stringify([course.id, course.version || "", learnerName(state), c.at,
      c.progress.modules.map(function (m) { return [m.module.id, m.completedAt]; }), quizzes]);
  }

  /** Ten Crockford base-32 characters (50 bits of two FNV-1a hashes) of `text`, as "XXXXX-XXXXX". */
  function shortCode(text) {
    var a = M.fnv(text, 2166136261), b = M.fnv(text, 0x9dc5811c), out = "";
    for (var i = 0; i < 10; i++) {
      var word = i < 5 ? a : b, shift = (i % 5) * 5;
      out += BASE32.charAt((word >>> shift) & 31) + (i === 4 ? "-" : "");
    }
    return out;
  }

  /** The verification code of a completed course, or null before completion. */
  function verification(course, state) {
    var c = completion(course, state);
    return c.complete ? shortCode(canonical(course, state, c)) : null;
  }

  IG.record = { completion: completion, learnerName: learnerName, shortCode: shortCode, verification: verification };
})(window.IG = window.IG || {});
