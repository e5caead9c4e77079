import type { Reference } from "./types.js";

/** Papers cited by estimators. Ids are stable; add new entries, never rename. */
export const REFERENCES = {
  kraskov2004: {
    id: "kraskov2004",
    citation:
      "A. Kraskov, H. Stögbauer, P. Grassberger. Estimating mutual information. Phys. Rev. E 69, 066138 (2004).",
    doi: "10.1103/PhysRevE.69.066138",
    url: "https://arxiv.org/abs/cond-mat/0305641",
  },
  kozachenko1987: {
    id: "kozachenko1987",
    citation:
      "L. F. Kozachenko, N. N. Leonenko. Sample estimate of the entropy of a random vector. Probl. Peredachi Inf. 23(2):9-16 (1987).",
  },
  frenzel2007: {
    id: "frenzel2007",
    citation:
      "S. Frenzel, B. Pompe. Partial mutual information for coupling analysis of multivariate time series. Phys. Rev. Lett. 99, 204101 (2007).",
    doi: "10.1103/PhysRevLett.99.204101",
  },
  schreiber2000: {
    id: "schreiber2000",
    citation: "T. Schreiber. Measuring information transfer. Phys. Rev. Lett. 85, 461-464 (2000).",
    doi: "10.1103/PhysRevLett.85.461",
  },
  lizier2008: {
    id: "lizier2008",
    citation:
      "J. T. Lizier, M. Prokopenko, A. Y. Zomaya. Local information transfer as a spatiotemporal filter for complex systems. Phys. Rev. E 77, 026110 (2008).",
    doi: "10.1103/PhysRevE.77.026110",
  },
  lizier2012: {
    id: "lizier2012",
    citation:
      "J. T. Lizier, M. Prokopenko, A. Y. Zomaya. Local measures of information storage in complex distributed computation. Information Sciences 208:39-54 (2012).",
    doi: "10.1016/j.ins.2012.04.016",
  },
  theiler1986: {
    id: "theiler1986",
    citation: "J. Theiler. Spurious dimension from correlation algorithms applied to limited time-series data. Phys. Rev. A 34, 2427-2432 (1986).",
    doi: "10.1103/PhysRevA.34.2427",
  },
  phipsonSmyth2010: {
    id: "phipsonSmyth2010",
    citation:
      "B. Phipson, G. K. Smyth. Permutation p-values should never be zero: calculating exact p-values when permutations are randomly drawn. Stat. Appl. Genet. Mol. Biol. 9(1), Article 39 (2010).",
    doi: "10.2202/1544-6115.1585",
  },
  wang2009: {
    id: "wang2009",
    citation:
      "Q. Wang, S. R. Kulkarni, S. Verdú. Divergence estimation for multidimensional densities via k-nearest-neighbor distances. IEEE Trans. Inf. Theory 55(5):2392-2405 (2009).",
    doi: "10.1109/TIT.2009.2016060",
  },
  ross2014: {
    id: "ross2014",
    citation: "B. C. Ross. Mutual information between discrete and continuous data sets. PLoS ONE 9(2):e87357 (2014).",
    doi: "10.1371/journal.pone.0087357",
  },
  gao2017: {
    id: "gao2017",
    citation:
      "W. Gao, S. Kannan, S. Oh, P. Viswanath. Estimating mutual information for discrete-continuous mixtures. Advances in Neural Information Processing Systems 30 (2017).",
    url: "https://arxiv.org/abs/1709.06212",
  },
  gaoVerSteeg2015: {
    id: "gaoVerSteeg2015",
    citation:
      "S. Gao, G. Ver Steeg, A. Galstyan. Efficient estimation of mutual information for strongly dependent variables. Proc. AISTATS, PMLR 38:277-286 (2015).",
    url: "https://arxiv.org/abs/1411.2003",
  },
  coverThomas2006: {
    id: "coverThomas2006",
    citation: "T. M. Cover, J. A. Thomas. Elements of Information Theory, 2nd ed., Wiley (2006), eq. 8.56 and Thm 8.4.1.",
    doi: "10.1002/047174882X",
  },
  hotelling1936: {
    id: "hotelling1936",
    citation: "H. Hotelling. Relations between two sets of variates. Biometrika 28(3/4):321-377 (1936).",
    doi: "10.2307/2333955",
  },
  czyz2023: {
    id: "czyz2023",
    citation:
      "P. Czyż, F. Grabowski, J. E. Vogt, N. Beerenwinkel, A. Marx. Beyond Normal: On the Evaluation of Mutual Information Estimators. NeurIPS 36 (2023).",
    url: "https://arxiv.org/abs/2306.11078",
  },
  miller1955: {
    id: "miller1955",
    citation:
      "G. A. Miller. Note on the bias of information estimates. In H. Quastler (ed.), Information Theory in Psychology: Problems and Methods, Free Press (1955), pp. 95-100.",
  },
  grassberger2003: {
    id: "grassberger2003",
    citation: "P. Grassberger. Entropy estimates from insufficient samplings. arXiv:physics/0307138 (2003).",
    url: "https://arxiv.org/abs/physics/0307138",
  },
  chaoShen2003: {
    id: "chaoShen2003",
    citation:
      "A. Chao, T.-J. Shen. Nonparametric estimation of Shannon's index of diversity when there are unseen species in sample. Environ. Ecol. Stat. 10:429-443 (2003).",
  },
  nemenman2002: {
    id: "nemenman2002",
    citation:
      "I. Nemenman, F. Shafee, W. Bialek. Entropy and inference, revisited. Advances in Neural Information Processing Systems 14 (2002).",
    url: "https://arxiv.org/abs/physics/0108025",
  },
  zahl1977: {
    id: "zahl1977",
    citation: "S. Zahl. Jackknifing an index of diversity. Ecology 58(4):907-913 (1977).",
  },
  rosas2019: {
    id: "rosas2019",
    citation:
      "F. E. Rosas, P. A. M. Mediano, M. Gastpar, H. J. Jensen. Quantifying high-order interdependencies via multivariate extensions of the mutual information. Phys. Rev. E 100, 032305 (2019).",
    doi: "10.1103/PhysRevE.100.032305",
    url: "https://arxiv.org/abs/1902.11239",
  },
  watanabe1960: {
    id: "watanabe1960",
    citation: "S. Watanabe. Information theoretical analysis of multivariate correlation. IBM J. Res. Dev. 4(1):66-82 (1960).",
    doi: "10.1147/rd.41.0066",
  },
  han1978: {
    id: "han1978",
    citation: "T. S. Han. Nonnegative entropy measures of multivariate symmetric correlations. Inf. Control 36(2):133-156 (1978).",
    doi: "10.1016/S0019-9958(78)90275-9",
  },
  williamsBeer2010: {
    id: "williamsBeer2010",
    citation: "P. L. Williams, R. D. Beer. Nonnegative decomposition of multivariate information. arXiv:1004.2515 (2010).",
    url: "https://arxiv.org/abs/1004.2515",
  },
  bertschinger2014: {
    id: "bertschinger2014",
    citation:
      "N. Bertschinger, J. Rauh, E. Olbrich, J. Jost, N. Ay. Quantifying unique information. Entropy 16(4):2161-2183 (2014).",
    doi: "10.3390/e16042161",
  },
  barrett2015: {
    id: "barrett2015",
    citation:
      "A. B. Barrett. Exploration of synergistic and redundant information sharing in static and dynamical Gaussian systems. Phys. Rev. E 91, 052802 (2015).",
    doi: "10.1103/PhysRevE.91.052802",
  },
  hammanDutta2024: {
    id: "hammanDutta2024",
    citation:
      "F. Hamman, S. Dutta. Demystifying local and global fairness trade-offs in federated learning using partial information decomposition. ICLR (2024).",
    url: "https://arxiv.org/abs/2307.11333",
  },
  ince2017: {
    id: "ince2017",
    citation:
      "R. A. A. Ince, B. L. Giordano, C. Kayser, G. A. Rousselet, J. Gross, P. G. Schyns. A statistical framework for neuroimaging data analysis based on mutual information estimated via a Gaussian copula. Hum. Brain Mapp. 38(3):1541-1573 (2017).",
    doi: "10.1002/hbm.23471",
  },
  chelombiev2019: {
    id: "chelombiev2019",
    citation:
      "I. Chelombiev, C. Houghton, C. O'Donnell. Adaptive estimators show information compression in deep neural networks. ICLR (2019).",
    url: "https://arxiv.org/abs/1902.09037",
  },
  moon1995: {
    id: "moon1995",
    citation: "Y.-I. Moon, B. Rajagopalan, U. Lall. Estimation of mutual information using kernel density estimators. Phys. Rev. E 52(3):2318-2321 (1995).",
    doi: "10.1103/PhysRevE.52.2318",
  },
  silverman1986: {
    id: "silverman1986",
    citation: "B. W. Silverman. Density Estimation for Statistics and Data Analysis. Chapman & Hall (1986).",
    doi: "10.1007/978-1-4899-3324-9",
  },
  scott1992: {
    id: "scott1992",
    citation: "D. W. Scott. Multivariate Density Estimation: Theory, Practice, and Visualization. Wiley (1992).",
    doi: "10.1002/9780470316849",
  },
  kolchinskyTracey2017: {
    id: "kolchinskyTracey2017",
    citation: "A. Kolchinsky, B. D. Tracey. Estimating mixture entropy with pairwise distances. Entropy 19(7):361 (2017).",
    doi: "10.3390/e19070361",
  },
  saxe2018: {
    id: "saxe2018",
    citation:
      "A. M. Saxe, Y. Bansal, J. Dapello, M. Advani, A. Kolchinsky, B. D. Tracey, D. D. Cox. On the information bottleneck theory of deep learning. ICLR (2018).",
    url: "https://openreview.net/forum?id=ry_WPG-A-",
  },
} as const satisfies Record<string, Reference>;

export type ReferenceId = keyof typeof REFERENCES;
