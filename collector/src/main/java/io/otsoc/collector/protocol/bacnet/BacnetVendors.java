package io.otsoc.collector.protocol.bacnet;

import java.util.Map;

/**
 * Names of the first BACnet vendor identifiers that ASHRAE assigned (the BACnet vendor ID registry), which cover
 * most devices met in the field. Other identifiers have no name here.
 */
final class BacnetVendors {

    private static final Map<Integer, String> NAMES = BacnetNames.parse("""
            0	ASHRAE
            1	NIST
            2	The Trane Company
            3	Daikin Applied Americas
            4	PolarSoft
            5	Johnson Controls, Inc.
            6	ABB (Formerly American Auto-Matrix)
            7	Siemens Schweiz AG (Formerly: Landis & Staefa Division Europe)
            8	Delta Controls
            9	Siemens Schweiz AG
            10	Schneider Electric
            11	TAC
            12	Orion Analysis Corporation
            13	Teletrol Systems Inc.
            14	Cimetrics Technology
            15	Cornell University
            16	United Technologies Carrier
            17	Honeywell Inc.
            18	Alerton / Honeywell
            19	TAC AB
            20	Hewlett-Packard Company
            21	Dorsette’s Inc.
            22	Siemens Schweiz AG (Formerly: Cerberus AG)
            23	York Controls Group
            24	Automated Logic Corporation
            25	CSI Control Systems International
            26	Phoenix Controls Corporation
            27	Innovex Technologies, Inc.
            28	KMC Controls, Inc.
            29	Xn Technologies, Inc.
            30	Hyundai Information Technology Co., Ltd.
            31	Tokimec Inc.
            32	Simplex
            33	North Building Technologies Limited
            34	Notifier
            35	Reliable Controls Corporation
            36	Tridium Inc.
            37	MSA Safety
            38	Silicon Energy
            39	Kieback & Peter GmbH & Co KG
            40	Anacon Systems, Inc.
            41	Systems Controls & Instruments, LLC
            42	Acuity Brands Lighting, Inc.
            43	Micropower Manufacturing
            44	Matrix Controls
            45	METALAIRE
            46	ESS Engineering
            47	Sphere Systems Pty Ltd.
            48	Walker Technologies Corporation
            49	H I Solutions, Inc.
            50	MBS GmbH
            51	SAMSON AG
            52	Badger Meter Inc.
            53	DAIKIN Industries Ltd.
            54	NARA Controls Inc.
            55	Mammoth Inc.
            56	Liebert Corporation
            57	SEMCO Incorporated
            58	Air Monitor Corporation
            59	TRIATEK, LLC
            60	NexLight
            61	Multistack
            62	TSI Incorporated
            63	Weather-Rite, Inc.
            64	Dunham-Bush
            65	Reliance Electric
            66	LCS Inc.
            67	Regulator Australia PTY Ltd.
            68	Touch-Plate Lighting Controls
            69	Amann GmbH
            70	RLE Technologies
            71	Cardkey Systems
            72	SECOM Co., Ltd.
            73	ABB Gebäudetechnik AG Bereich NetServ
            74	KNX Association cvba
            75	Institute of Electrical Installation Engineers of Japan (IEIEJ)
            76	Nohmi Bosai, Ltd.
            77	Carel Industries S.p.A.
            78	UTC Fire & Security España, S.L.
            79	Hochiki Corporation
            80	Fr. Sauter AG
            81	Matsushita Electric Works, Ltd.
            82	Mitsubishi Electric Corporation, Inazawa Works
            83	Mitsubishi Heavy Industries, Ltd.
            84	Xylem, Inc.
            85	Yamatake Building Systems Co., Ltd.
            86	The Watt Stopper, Inc.
            87	Aichi Tokei Denki Co., Ltd.
            88	Activation Technologies, LLC
            89	Saia-Burgess Controls, Ltd.
            90	Hitachi, Ltd.
            91	Novar Corp./Trend Control Systems Ltd.
            92	Mitsubishi Electric Lighting Corporation
            93	Argus Control Systems, Ltd.
            94	Kyuki Corporation
            95	Richards-Zeta Building Intelligence, Inc.
            96	Scientech R&D, Inc.
            97	VCI Controls, Inc.
            98	Toshiba Corporation
            99	Mitsubishi Electric Corporation Air Conditioning & Refrigeration Systems Works
            100	Custom Mechanical Equipment, LLC
            101	ClimateMaster
            102	ICP Panel-Tec, Inc.
            103	D-Tek Controls
            104	NEC Engineering, Ltd.
            105	PRIVA BV
            106	Meidensha Corporation
            107	JCI Systems Integration Services
            108	Freedom Corporation
            109	Neuberger Gebäudeautomation GmbH
            110	eZi Controls
            111	Leviton Manufacturing
            112	Fujitsu Limited
            113	Vertiv (Formerly Emerson Network Power)
            114	S. A. Armstrong, Ltd.
            115	Visonet AG
            116	M&M Systems, Inc.
            117	Custom Software Engineering
            118	Nittan Company, Limited
            119	Elutions Inc. (Wizcon Systems SAS)
            120	Pacom Systems Pty., Ltd.
            121	Unico, Inc.
            122	Ebtron, Inc.
            123	Scada Engine
            124	Lenze Americas (Formerly: AC Technology Corporation)
            125	Eagle Technology
            126	Data Aire, Inc.
            127	ABB, Inc.
            128	Transbit Sp. z o. o.
            129	Toshiba Carrier Corporation
            130	Shenzhen Junzhi Hi-Tech Co., Ltd.
            131	Tokai Soft
            132	Blue Ridge Technologies
            133	Veris Industries
            134	Centaurus Prime
            135	Sand Network Systems
            136	Regulvar, Inc.
            137	AFDtek Division of Fastek International Inc.
            138	PowerCold Comfort Air Solutions, Inc.
            139	I Controls
            140	Viconics Electronics, Inc.
            141	Yaskawa America, Inc.
            142	DEOS control systems GmbH
            143	Digitale Mess- und Steuersysteme AG
            144	Fujitsu General Limited
            145	Project Engineering S.r.l.
            146	Sanyo Electric Co., Ltd.
            147	Integrated Information Systems, Inc.
            148	Temco Controls, Ltd.
            149	Airtek International Inc.
            150	Advantech Corporation
            151	Titan Products, Ltd.
            152	Regel Partners
            153	National Environmental Product
            154	Unitec Corporation
            155	Kanden Engineering Company
            156	Messner Gebäudetechnik GmbH
            157	Integrated.CH
            158	Price Industries
            159	SE-Elektronic GmbH
            160	Rockwell Automation
            161	Enflex Corp.
            162	ASI Controls
            163	SysMik GmbH Dresden
            164	HSC Regelungstechnik GmbH
            165	Smart Temp Australia Pty. Ltd.
            166	Cooper Controls
            167	Duksan Mecasys Co., Ltd.
            168	Fuji IT Co., Ltd.
            169	Vacon Plc
            170	Leader Controls
            171	ABB (Formerly Cylon Controls, Ltd)
            172	Compas
            173	Mitsubishi Electric Building Techno-Service Co., Ltd.
            174	Building Control Integrators
            175	ITG Worldwide (M) Sdn Bhd
            176	Lutron Electronics Co., Inc.
            177	Cooper-Atkins Corporation
            178	LOYTEC Electronics GmbH
            179	ProLon
            180	Mega Controls Limited
            181	Micro Control Systems, Inc.
            182	Kiyon, Inc.
            183	Dust Networks
            184	Advanced Building Automation Systems
            185	Hermos AG
            186	CEZIM
            187	Softing
            188	Lynxspring, Inc.
            189	Schneider Toshiba Inverter Europe
            190	Danfoss Drives A/S
            191	Eaton Corporation
            192	Matyca S.A.
            193	Botech AB
            194	Noveo, Inc.
            195	AMEV
            196	Yokogawa Electric Corporation
            197	Bosch Building Automation GmbH
            198	Exact Logic
            199	Mass Electronics Pty Ltd dba Innotech Control Systems Australia
            200	Kandenko Co., Ltd.
            201	DTF, Daten-Technik Fries
            202	Klimasoft, Ltd.
            203	Toshiba Schneider Inverter Corporation
            204	Control Applications, Ltd.
            205	CIMON CO., Ltd.
            206	Onicon Incorporated
            207	Automation Displays, Inc.
            208	Control Solutions, Inc.
            209	Remsdaq Limited
            210	NTT Facilities, Inc.
            211	VIPA GmbH
            212	TSC21 Association of Japan
            213	Strato Automation
            214	HRW Limited
            215	Lighting Control & Design, Inc.
            216	Mercy Electronic and Electrical Industries
            217	Samsung SDS Co., Ltd
            218	Impact Facility Solutions, Inc.
            219	Aircuity
            220	Control Techniques, Ltd.
            221	OpenGeneral Pty., Ltd.
            222	WAGO Kontakttechnik GmbH & Co. KG
            223	Franklin Electric
            224	Chloride Power Protection Company
            225	Computrols, Inc.
            226	Phoenix Contact GmbH & Co. KG
            227	Grundfos Management A/S
            228	Ridder Drive Systems
            229	Soft Device SDN BHD
            230	Integrated Control Technology Limited
            231	AIRxpert Systems, Inc.
            232	Microtrol Limited
            233	Red Lion Controls
            234	Digital Electronics Corporation
            235	Ennovatis GmbH
            236	Serotonin Software Technologies, Inc.
            237	LS Industrial Systems Co., Ltd.
            238	Square D Company
            239	S Squared Innovations, Inc.
            240	Aricent Ltd.
            241	EtherMetrics, LLC
            242	Industrial Control Communications, Inc.
            243	Paragon Controls, Inc.
            244	A. O. Smith Corporation
            245	Contemporary Control Systems, Inc.
            246	HMS Industrial Networks SLU
            247	Ingenieurgesellschaft N. Hartleb mbH
            248	Heat-Timer Corporation
            249	Ingrasys Technology, Inc.
            250	Costerm Building Automation
            251	WILO SE
            252	Embedia Technologies Corp.
            253	Technilog
            254	HR Controls Ltd. & Co. KG
            255	Lennox International, Inc.
            256	RK-Tec Rauchklappen-Steuerungssysteme GmbH & Co. KG
            257	Thermomax, Ltd.
            258	ELCON Electronic Control, Ltd.
            259	Larmia Control AB
            260	BACnet Stack at SourceForge
            261	G4S Security Services A/S
            262	Exor International S.p.A.
            263	Cristal Controles
            264	Regin AB
            265	Dimension Software, Inc.
            266	SynapSense Corporation
            267	Beijing Nantree Electronic Co., Ltd.
            268	Camus Hydronics Ltd.
            269	Kawasaki Heavy Industries, Ltd.
            270	Critical Environment Technologies
            271	ILSHIN IBS Co., Ltd.
            272	ELESTA Energy Control AG
            273	KROPMAN Installatietechniek
            274	Baldor Electric Company
            275	INGA mbH
            276	GE Consumer & Industrial
            277	Functional Devices, Inc.
            278	StudioSC
            279	M-System Co., Ltd.
            280	Yokota Co., Ltd.
            281	Hitranse Technology Co., LTD
            282	Vigilent Corporation
            283	Kele, Inc.
            284	BELIMO Automation AG
            285	Gentec
            286	Embedded Science Labs, LLC
            287	Parker Hannifin Corporation
            288	MaCaPS International Limited
            289	Link4 Corporation
            290	Romutec Steuer-u. Regelsysteme GmbH
            291	Pribusin, Inc.
            292	Advantage Controls
            293	Critical Room Control
            294	LEGRAND
            295	Tongdy Control Technology Co., Ltd.
            296	ISSARO Integrierte Systemtechnik
            297	Pro-Dev Industries
            298	DRI-STEEM
            299	Creative Electronic GmbH
            """);

    private BacnetVendors() {
    }

    /** The vendor's registered name, or null when not in this table. */
    static String name(long vendorId) {
        return vendorId >= 0 && vendorId <= Integer.MAX_VALUE ? NAMES.get((int) vendorId) : null;
    }
}
